package org.ncsha.witness;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A single-member etcd (Debian's etcd-server) for tests and benchmarks, on one address of this
 * machine only (client port 2379, peer port 2380), its data and log in {@code dir}. Started
 * again on the same directory it keeps its keys and leases, as a restarted witness would.
 */
public final class LocalEtcd implements AutoCloseable {
  private final String address;
  private final Path dir;
  private Process process;

  private LocalEtcd(String address, Path dir) {
    this.address = address;
    this.dir = dir;
  }

  /** Starts it and waits (30 s at most) until it answers. */
  public static LocalEtcd start(String address, Path dir) throws Exception {
    LocalEtcd etcd = new LocalEtcd(address, dir);
    etcd.start();
    return etcd;
  }

  public String endpoint() {
    return "http://" + address + ":2379";
  }

  public void start() throws Exception {
    Files.createDirectories(dir);
    String peer = "http://" + address + ":2380";
    process = new ProcessBuilder("etcd", "--name", "witness", "--data-dir", dir.resolve("data").toString(),
        "--listen-client-urls", endpoint(), "--advertise-client-urls", endpoint(),
        "--listen-peer-urls", peer, "--initial-advertise-peer-urls", peer, "--initial-cluster", "witness=" + peer)
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("etcd.log").toFile()))
        .start();
    EtcdWitness probe = new EtcdWitness(List.of(endpoint()), Duration.ofSeconds(1));
    Instant deadline = Instant.now().plusSeconds(30);
    while (true) {
      try {
        probe.holder("/probe");
        return;
      } catch (WitnessException e) {
        if (Instant.now().isAfter(deadline) || !process.isAlive()) {
          throw new IllegalStateException("etcd on " + endpoint() + " did not answer (see " + dir.resolve("etcd.log") + ")", e);
        }
        Thread.sleep(100);
      }
    }
  }

  /** SIGKILL, as a crashed witness. */
  public void kill() throws InterruptedException {
    if (process != null) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Override
  public void close() throws InterruptedException {
    kill();
  }
}
