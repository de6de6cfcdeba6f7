package org.ncsha.vip;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ncsha.os.ToolException;
import org.ncsha.os.ToolRunner;

/**
 * This server's side of a virtual address, done with the operating system's tools: iproute2 adds
 * and removes it on the interface that carries the server's own address, a script of ours
 * (IPv4 ARP probes) and ndisc6 (IPv6) find whether another host answers for it, and gratuitous ARP (arping -U) or
 * unsolicited neighbour advertisements move the neighbours' caches over. Adding an address needs
 * CAP_NET_ADMIN and the probes and announcements CAP_NET_RAW (docs/operations.md, "Virtual IP").
 */
public final class VipHost {
  private static final Duration QUICK = Duration.ofSeconds(10);
  /**
   * How long a probe waits for another host to answer. A failover waits for it (the promotion
   * takes about as long); on a LAN an answer takes a millisecond, and each probe is sent twice.
   */
  private static final Duration PROBE_WAIT = Duration.ofMillis(300);
  private static final Pattern MAC = Pattern.compile("[0-9a-f]{2}(:[0-9a-f]{2}){5}");
  private static final Pattern ND_REPLY = Pattern.compile("Target link-layer address: ([0-9A-Fa-f:]{17})");
  private static final int IFNAMSIZ = 15;

  /** The script files this JVM has written (the tool log names the file, not the text). */
  private static final Set<Path> WRITTEN = new HashSet<>();

  private final String ownAddress;
  private final Path scriptDir;
  private final ToolRunner tools = new ToolRunner(null);

  /**
   * {@code ownAddress}: the server's own (IPv4) address; its interface is where the virtual
   * address goes. {@code scriptDir}: where our scripts are written for python3, a directory of
   * this server's own with fixed names, so that a server killed rather than stopped leaves no
   * file behind (a temporary file per JVM did, one per start).
   */
  public VipHost(String ownAddress, Path scriptDir) {
    this.ownAddress = ownAddress;
    this.scriptDir = scriptDir;
  }

  /** The interface that carries this server's own address. */
  public String interfaceName() {
    NetworkInterface carrier = carrierOf(ownAddress);
    if (carrier == null) {
      throw new IllegalStateException("no network interface carries this server's address " + ownAddress
          + ": the virtual IP goes on that interface");
    }
    return carrier.getName();
  }

  /** Whether this host has the address on one of its interfaces. */
  public boolean holds(String address) {
    return carrierOf(address) != null;
  }

  /** The interface of this host that has the address, or null when none has. */
  private static NetworkInterface carrierOf(String address) {
    try {
      return NetworkInterface.getByInetAddress(InetAddress.getByName(address));
    } catch (SocketException | UnknownHostException e) {
      throw new IllegalStateException("cannot look up " + address + ": " + e.getMessage(), e);
    }
  }

  /**
   * Asks the link whether another host answers for the address (duplicate address detection,
   * waiting {@link #PROBE_WAIT}): the MAC address that answered, or empty when none did. IPv4
   * with a script of ours, since arping waits whole seconds; IPv6 with ndisc6.
   */
  public Optional<String> answeringFrom(String address) {
    String dev = interfaceName();
    if (isIpv6(address)) {
      ToolRunner.Result r = tools.run(List.of("ndisc6", "-1", "-n", "-r", "2", "-w", String.valueOf(PROBE_WAIT.toMillis() / 2),
          address, dev), Map.of(), QUICK);
      Matcher m = ND_REPLY.matcher(r.stdout());
      if (m.find()) {
        return Optional.of(m.group(1).toLowerCase());
      }
      if (r.stdout().contains("No response") || r.stdout().contains("Timed out")) {
        return Optional.empty();
      }
      throw tools.failure(List.of("ndisc6"), r);
    }
    List<String> command = List.of("python3", script("arp-probe.py").toString(), address, dev,
        String.valueOf(PROBE_WAIT.toMillis() / 1000.0));
    String answer = tools.runChecked(command, Map.of(), QUICK).stdout().strip();
    if (answer.isEmpty()) {
      return Optional.empty();
    }
    if (MAC.matcher(answer).matches()) {
      return Optional.of(answer);
    }
    throw new ToolException("arp-probe.py answered '" + answer + "' instead of a MAC address");
  }

  /**
   * Adds the address to this server's interface as a host address (/32, /128), so that routes
   * and the source of the server's own connections stay as they were; an IPv4 one carries the
   * label {@code <interface>:vip}, an IPv6 one skips duplicate address detection (done already)
   * so it serves at once.
   */
  public void add(String address) {
    if (holds(address)) {
      return;
    }
    String dev = interfaceName();
    List<String> command = new ArrayList<>(List.of("ip"));
    if (isIpv6(address)) {
      command.addAll(List.of("-6", "addr", "add", address + "/128", "dev", dev, "nodad"));
    } else {
      command.addAll(List.of("-4", "addr", "add", address + "/32", "dev", dev));
      String label = dev + ":vip";
      if (label.length() <= IFNAMSIZ) {
        command.addAll(List.of("label", label));
      }
    }
    ToolRunner.Result r = tools.run(command, Map.of(), QUICK);
    // Added meanwhile (iproute2 says "File exists" or, with a label, "Address already assigned").
    if (r.exitCode() != 0 && !holds(address)) {
      throw tools.failure(command, r);
    }
  }

  /** Removes the address from whichever of this host's interfaces has it; nothing when none has. */
  public void remove(String address) {
    NetworkInterface holder = carrierOf(address);
    if (holder == null) {
      return;
    }
    String dev = holder.getName();
    List<String> command = isIpv6(address)
        ? List.of("ip", "-6", "addr", "del", address + "/128", "dev", dev)
        : List.of("ip", "-4", "addr", "del", address + "/32", "dev", dev);
    ToolRunner.Result r = tools.run(command, Map.of(), QUICK);
    if (r.exitCode() != 0 && !r.stderr().contains("Cannot assign requested address")) {
      throw tools.failure(command, r);
    }
  }

  /**
   * Tells the link, once, that the address is now at this server's MAC: a gratuitous ARP
   * request or an unsolicited neighbour advertisement with the Override flag. It returns once
   * sent (arping waits out a second for replies that never come to an unsolicited request).
   */
  public void announce(String address) {
    String dev = interfaceName();
    List<String> command = isIpv6(address)
        ? List.of("python3", script("unsolicited-na.py").toString(), address, dev, "1", "0")
        : List.of("arping", "-U", "-c", "1", "-I", dev, address);
    tools.runChecked(command, Map.of(), QUICK);
  }

  static boolean isIpv6(String address) {
    try {
      return InetAddress.getByName(address) instanceof Inet6Address;
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("'" + address + "' is not an IP address", e);
    }
  }

  /**
   * One of our scripts (a resource beside this class) as a file python3 can run, written once
   * per JVM (so a new version replaces the old) through a temporary file and a rename, so that a
   * second server sharing the directory never runs half a script.
   */
  private Path script(String name) {
    Path target = scriptDir.resolve(name);
    synchronized (WRITTEN) {
      if (WRITTEN.contains(target) && Files.exists(target)) {
        return target;
      }
      try (InputStream in = VipHost.class.getResourceAsStream(name)) {
        if (in == null) {
          throw new IllegalStateException(name + " is missing from the application");
        }
        Files.createDirectories(scriptDir);
        Path temporary = Files.createTempFile(scriptDir, name, ".tmp");
        try {
          Files.write(temporary, in.readAllBytes());
          Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
          Files.deleteIfExists(temporary);
        }
        WRITTEN.add(target);
        return target;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
      }
    }
  }
}
