package org.ncsha.readiness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real probe on this machine: what it reads must agree with the kernel's own view. */
class LinuxSystemProbeTest {
  private final LinuxSystemProbe probe = new LinuxSystemProbe();
  @TempDir Path dir;

  @Test
  void cpus_and_memory_are_this_machines() throws Exception {
    assertEquals(Runtime.getRuntime().availableProcessors(), probe.cpuCount());
    String memTotal = Files.readAllLines(Path.of("/proc/meminfo")).get(0);
    assertTrue(memTotal.contains(Long.toString(probe.memoryBytes() / 1024)), memTotal);
    assertTrue(probe.sharedMemoryBytes() > 0, "/dev/shm has a size");
  }

  @Test
  void loopback_reports_no_link_speed() {
    assertEquals("lo", probe.interfaceFor("127.0.0.1"));
    assertEquals("lo", probe.interfaceFor("127.0.2.31"), "an address of lo's network, not one of its addresses");
    assertNull(probe.linkSpeedMbps("lo"), "the kernel reports no speed for lo");
    assertNull(probe.linkSpeedMbps(null));
  }

  @Test
  void the_disk_test_is_bounded_and_leaves_nothing_behind() throws Exception {
    double mbps = probe.diskWriteMBps(dir, 8L * 1024 * 1024, 5000);
    assertTrue(mbps > 0, "a rate was measured: " + mbps);
    try (var files = Files.list(dir)) {
      assertEquals(0, files.count(), "the test file was removed");
    }
    assertThrows(IOException.class, () -> probe.diskWriteMBps(dir.resolve("missing"), 1024, 100));
  }
}
