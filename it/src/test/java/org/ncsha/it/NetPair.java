package org.ncsha.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A registered pair whose nodes live in network namespaces of their own ({@link NetNs}), with
 * the steps the scenario tests are made of: cut and heal the link, wait for a pair of states,
 * press a Health Monitor button, write a device, fail back.
 */
final class NetPair implements AutoCloseable {
  final NetNs net;
  final Pair pair;
  final String admin;
  final String adminPassword;
  /** The authentication key; a test that changes it sets this too. */
  String key;

  private NetPair(NetNs net, Pair pair) throws Exception {
    this.net = net;
    this.pair = pair;
    this.admin = pair.get("ADMIN_USER");
    this.adminPassword = pair.get("ADMIN_PASSWORD");
    this.key = pair.get("AUTH_KEY");
  }

  /** Creates the namespaces and brings up a fresh pair in them with 1 s heartbeats. */
  static NetPair up(String prefix, String subnet, String failover, Map<String, String> env) throws Exception {
    NetNs net = new NetNs(prefix, subnet);
    Pair pair = new Pair("it-" + prefix, net.address("primary"), net.address("secondary"));
    try {
      pair.env("PRIMARY_NETNS", net.namespace("primary"));
      pair.env("SECONDARY_NETNS", net.namespace("secondary"));
      pair.env("HEARTBEAT_MS", "1000");
      env.forEach(pair::env);
      org.ncsha.it.Files.deleteTree(pair.dir);
      assertEquals(0, pair.haPair(Duration.ofMinutes(8), "up", "--failover", failover), "ha-pair up succeeds");
      return new NetPair(net, pair);
    } catch (Exception | AssertionError e) {
      // Whatever a failed 'up' started must not outlive the test run.
      pair.haPair(Duration.ofMinutes(2), "down");
      net.close();
      throw e;
    }
  }

  @Override
  public void close() throws Exception {
    try {
      pair.haPair(Duration.ofMinutes(2), "down");
    } finally {
      net.close();
    }
  }

  String state(String node) {
    return pair.state(node);
  }

  void awaitStates(String what, int seconds, String primary, String secondary) throws Exception {
    String description = what + " (" + primary + " | " + secondary + ")";
    try {
      Pair.await(description, Duration.ofSeconds(seconds),
          () -> primary.equals(pair.state("primary")) && secondary.equals(pair.state("secondary")));
    } catch (AssertionError e) {
      pair.dumpThreads(description);
      throw e;
    }
  }

  void awaitState(String node, String state, int seconds) throws Exception {
    try {
      Pair.await(node + " in " + state, Duration.ofSeconds(seconds), () -> state.equals(pair.state(node)));
    } catch (AssertionError e) {
      pair.dumpThreads(node + " in " + state);
      throw e;
    }
  }

  /** A Health Monitor button over REST, as root with the key; asserts the HTTP status. */
  void action(String node, String action, int expected) throws Exception {
    HttpResponse<String> r = pair.post(node, 8082, "/api/actions/" + action, "root", key, null);
    assertEquals(expected, r.statusCode(), action + " on the " + node + ": " + r.body());
  }

  /** Failback needs the secondary to know the primary is Primary Syncing, from its own heartbeats. */
  void failback() throws Exception {
    Pair.await("the secondary sees Primary Syncing", Duration.ofSeconds(60), () -> "Primary Syncing".equals(
        Pair.field(pair.get("secondary", 8082, "/api/status", null, null).body(), "peerState")));
    action("secondary", "failback", 202);
    awaitStates("failback", 120, "Primary Active", "Secondary Syncing");
  }

  int writeDevice(String node, String name) throws Exception {
    return pair.post(node, 9443, "/api/devices", admin, adminPassword,
        "{\"name\":\"" + name + "\",\"address\":\"10.4.0.1\"}").statusCode();
  }

  boolean hasDevice(String node, String name) throws Exception {
    return Json.has(pair.get(node, 9443, "/api/devices", admin, adminPassword).body(), "name", name);
  }

  String events(String node) throws Exception {
    return pair.events(node, key);
  }

  /** Restarts a node's Liberty JVM the hard way (SIGKILL, then ha-pair start). */
  void restart(String node) throws Exception {
    assertEquals(0, pair.haPair(Duration.ofMinutes(1), "kill", node));
    assertEquals(0, pair.haPair(Duration.ofMinutes(4), "start", node));
  }

  /** Runs one SQL statement on a node's database from inside its namespace ({@link Pair#sql}). */
  String sql(String node, String statement) throws Exception {
    return pair.sql(net.namespace(node), net.address(node), statement);
  }

  /** Whether a node's PostgreSQL accepts writes: not in recovery, and not read-only by default. */
  boolean writable(String node) throws Exception {
    return "t".equals(sql(node,
        "select not pg_is_in_recovery() and current_setting('default_transaction_read_only') = 'off'"));
  }

  /** Waits until a node's database answers a query again (after a kill and a start). */
  void awaitDatabase(String node, int seconds) throws Exception {
    Pair.await("the " + node + "'s database answers", Duration.ofSeconds(seconds), () -> {
      try {
        writable(node);
        return true;
      } catch (IllegalStateException e) {
        return false;
      }
    });
  }

  /** The whole server lost: its Liberty JVM and its PostgreSQL, both with SIGKILL. */
  void killWhole(String node) throws Exception {
    assertEquals(0, pair.haPair(Duration.ofMinutes(1), "kill", node));
    if (Files.exists(pair.postmasterPidFile(node))) {
      pair.signalPostmaster(node, "KILL");
    }
  }

  /** Waits until the node's Liberty log has the line (a crash point reached, say). */
  void awaitLog(String node, String text, int seconds) throws Exception {
    Path log = pair.dir.resolve(node + "/usr/servers/ncs/logs/messages.log");
    Pair.await(node + " logs '" + text + "'", Duration.ofSeconds(seconds),
        () -> Files.exists(log) && Files.readString(log).contains(text));
  }

  /**
   * Kills the primary's PostgreSQL and makes every restart fail until the returned handle is
   * closed: PostgreSQL refuses to start with an unknown parameter in postgresql.conf.
   */
  AutoCloseable breakPrimaryDatabase() throws Exception {
    Path pgdata = pair.dir.resolve("primary/pgdata");
    Path conf = pgdata.resolve("postgresql.conf");
    String original = Files.readString(conf);
    Files.writeString(conf, original + "\nncs_it_broken_parameter = on\n");
    pair.signalPostmaster("primary", "KILL");
    return () -> Files.writeString(conf, original);
  }
}
