package org.ncsha.vip;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real link for the tests that run the virtual IP's tools: a veth pair whose end {@code hostIf}
 * is on this host with {@code own} (and {@code prefix6}1), and whose other end {@code nsIf} is in
 * the network namespace {@code namespace} with {@code neighbour} (and {@code prefix6}2), a host
 * that may answer for an address and a client whose neighbour table follows it. Needs root.
 */
public record TestLink(String namespace, String hostIf, String nsIf, String own, String neighbour, String prefix6) {

  /** Skips the calling test class unless it runs as root with arping and ndisc6. */
  public static void assumeRootAndTools(String test) throws Exception {
    Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), test + " needs root: a veth and a namespace");
    Assumptions.assumeTrue(run("sh", "-c", "command -v arping && command -v ndisc6").contains("ndisc6"),
        "arping and ndisc6 (liberty/bin/install-prerequisites installs them)");
  }

  /** Creates the link, after removing what an earlier run may have left. */
  public void up() throws Exception {
    down();
    sh("ip netns add " + namespace);
    sh("ip link add " + hostIf + " type veth peer name " + nsIf + " netns " + namespace);
    sh("ip addr add " + own + "/24 dev " + hostIf);
    sh("ip -6 addr add " + prefix6 + "1/64 dev " + hostIf + " nodad");
    sh("ip link set " + hostIf + " up");
    sh("ip -n " + namespace + " addr add " + neighbour + "/24 dev " + nsIf);
    sh("ip -n " + namespace + " -6 addr add " + prefix6 + "2/64 dev " + nsIf + " nodad");
    sh("ip -n " + namespace + " link set " + nsIf + " up");
  }

  public void down() throws Exception {
    run("ip", "netns", "del", namespace);
    run("ip", "link", "del", hostIf);
  }

  /** A shell command that must succeed. */
  public static void sh(String command) throws Exception {
    Process p = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, command + ": " + out);
  }

  /** A command's output (and error output), whatever its exit status. */
  public static String run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(30, TimeUnit.SECONDS);
    return out;
  }
}
