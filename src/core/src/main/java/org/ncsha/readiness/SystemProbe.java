package org.ncsha.readiness;

import java.nio.file.Path;

/**
 * The operating-system facts a readiness check needs, behind an interface: the real one reads
 * Linux (LinuxSystemProbe); a test feeds its own.
 */
public interface SystemProbe {
  int cpuCount();

  long memoryBytes();

  /** Total size of the volume holding {@code dir}. */
  long volumeBytes(Path dir);

  /** Total size of /dev/shm, where PostgreSQL keeps its dynamic shared memory. */
  long sharedMemoryBytes();

  /** The name of the interface that holds {@code address}, or null. */
  String interfaceFor(String address);

  /** The link speed the kernel reports for the interface, or null when it reports none (virtual, loopback). */
  Integer linkSpeedMbps(String interfaceName);

  /**
   * Sequential writes with fsync into a file in {@code dir}, bounded by {@code maxBytes} and
   * {@code maxMillis}; the file is removed after.
   *
   * @return MB per second
   * @throws java.io.IOException with the reason when it cannot write there
   */
  double diskWriteMBps(Path dir, long maxBytes, long maxMillis) throws java.io.IOException;
}
