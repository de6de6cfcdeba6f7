package org.ncsha.readiness;

import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/** The real system facts, from the JVM, /proc, /sys and the file system. */
public final class LinuxSystemProbe implements SystemProbe {
  private static final int BLOCK = 1024 * 1024;

  @Override
  public int cpuCount() {
    return Runtime.getRuntime().availableProcessors();
  }

  @Override
  public long memoryBytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      // Fall through: the JVM's own view is the next best.
    }
    return Runtime.getRuntime().maxMemory();
  }

  @Override
  public long volumeBytes(Path dir) {
    try {
      return Files.getFileStore(dir).getTotalSpace();
    } catch (IOException e) {
      return 0;
    }
  }

  @Override
  public long sharedMemoryBytes() {
    return volumeBytes(Path.of("/dev/shm"));
  }

  @Override
  public String interfaceFor(String address) {
    try {
      InetAddress target = InetAddress.getByName(address);
      NetworkInterface exact = NetworkInterface.getByInetAddress(target);
      if (exact != null) {
        return exact.getName();
      }
      return Subnet.interfaceServing(address);
    } catch (IOException e) {
      return null;
    }
  }

  @Override
  public Integer linkSpeedMbps(String interfaceName) {
    if (interfaceName == null) {
      return null;
    }
    try {
      int speed = Integer.parseInt(Files.readString(Path.of("/sys/class/net", interfaceName, "speed")).trim());
      return speed > 0 ? speed : null;
    } catch (IOException | NumberFormatException e) {
      // Loopback and most virtual interfaces refuse to report a speed (EINVAL).
      return null;
    }
  }

  @Override
  public double diskWriteMBps(Path dir, long maxBytes, long maxMillis) throws IOException {
    Path file = Files.createTempFile(dir, "readiness-disk-", ".tmp");
    try (FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE)) {
      byte[] random = new byte[BLOCK];
      // Random data: a compressing file system must not make the disk look faster than it is.
      ThreadLocalRandom.current().nextBytes(random);
      ByteBuffer block = ByteBuffer.wrap(random);
      long start = System.nanoTime();
      long written = 0;
      while (written < maxBytes && System.nanoTime() - start < maxMillis * 1_000_000L) {
        block.rewind();
        while (block.hasRemaining()) {
          written += out.write(block);
        }
        if (written % (16L * BLOCK) == 0) {
          out.force(false);
        }
      }
      out.force(true);
      double seconds = (System.nanoTime() - start) / 1e9;
      return written / (1024.0 * 1024.0) / seconds;
    } finally {
      Files.deleteIfExists(file);
    }
  }
}
