package org.ncsha.it;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Two network namespaces on a bridge of their own, so that each node has its own network stack
 * and the link between them can be cut with nft while this test process (on the bridge's
 * address) still reaches both. Needs root, ip and nft; traffic stays on the private subnet.
 */
final class NetNs implements AutoCloseable {
  private final String prefix;
  private final String subnet;
  private final String bridge;

  /** {@code prefix} names the namespaces (prefix-p, prefix-s); {@code subnet} is "a.b.c". */
  NetNs(String prefix, String subnet) throws Exception {
    this.prefix = prefix;
    this.subnet = subnet;
    this.bridge = prefix + "-br";
    close(); // leftovers of an aborted run
    run("ip", "link", "add", bridge, "type", "bridge");
    run("ip", "addr", "add", subnet + ".1/24", "dev", bridge);
    run("ip", "link", "set", bridge, "up");
    add(namespace("primary"), subnet + ".11");
    add(namespace("secondary"), subnet + ".12");
  }

  String namespace(String node) {
    return prefix + (node.equals("primary") ? "-p" : "-s");
  }

  String address(String node) {
    return subnet + (node.equals("primary") ? ".11" : ".12");
  }

  private void add(String ns, String address) throws Exception {
    run("ip", "netns", "add", ns);
    run("ip", "link", "add", ns + "-h", "type", "veth", "peer", "name", ns + "-c");
    run("ip", "link", "set", ns + "-c", "netns", ns);
    run("ip", "link", "set", ns + "-h", "master", bridge, "up");
    run("ip", "-n", ns, "addr", "add", address + "/24", "dev", ns + "-c");
    run("ip", "-n", ns, "link", "set", ns + "-c", "up");
    run("ip", "-n", ns, "link", "set", "lo", "up");
  }

  /** Drops every packet between the two nodes, both ways, as a cut cable would. */
  void cut() throws Exception {
    String peer = address("secondary");
    run(new String[] {"ip", "netns", "exec", namespace("primary"), "nft", "-f", "-"}, String.join("\n",
        "table inet ncs_it_cut {",
        "  chain out { type filter hook output priority 0; ip daddr " + peer + " drop; }",
        "  chain in { type filter hook input priority 0; ip saddr " + peer + " drop; }",
        "}", ""));
  }

  /** {@link #cut()}, and the primary also loses the witness at {@code witness}:2379 on the host side. */
  void cutPrimaryAndItsWitness(String witness) throws Exception {
    String peer = address("secondary");
    run(new String[] {"ip", "netns", "exec", namespace("primary"), "nft", "-f", "-"}, String.join("\n",
        "table inet ncs_it_cut {",
        "  chain out { type filter hook output priority 0; ip daddr " + peer + " drop; ip daddr " + witness
            + " tcp dport 2379 drop; }",
        "  chain in { type filter hook input priority 0; ip saddr " + peer + " drop; ip saddr " + witness
            + " tcp sport 2379 drop; }",
        "}", ""));
  }

  String hostAddress() {
    return subnet + ".1";
  }

  void heal() throws Exception {
    run("ip", "netns", "exec", namespace("primary"), "nft", "delete", "table", "inet", "ncs_it_cut");
  }

  @Override
  public void close() throws Exception {
    for (String node : List.of("primary", "secondary")) {
      quietly("ip", "netns", "del", namespace(node));
      quietly("ip", "link", "del", namespace(node) + "-h");
    }
    quietly("ip", "link", "del", bridge);
  }

  private static void quietly(String... command) throws Exception {
    exec(null, command);
  }

  private static void run(String... command) throws Exception {
    run(command, null);
  }

  /** Runs the command with {@code stdin} (may be null) as its input; fails on a non-zero exit. */
  private static void run(String[] command, String stdin) throws Exception {
    String output = exec(stdin, command);
    if (output != null) {
      throw new AssertionError(String.join(" ", command) + " failed: " + output);
    }
  }

  /** Runs a command; returns null on success, its output on failure. */
  private static String exec(String stdin, String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(new ArrayList<>(List.of(command))).redirectErrorStream(true).start();
    if (stdin != null) {
      p.getOutputStream().write(stdin.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    p.getOutputStream().close();
    String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return "timed out";
    }
    return p.exitValue() == 0 ? null : output.isBlank() ? "exit " + p.exitValue() : output.strip();
  }
}
