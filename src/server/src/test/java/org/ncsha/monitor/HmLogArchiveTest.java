package org.ncsha.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ncsha.node.NodeSettings;

/** The log download: regular files only (never a link), and bounded per file. */
class HmLogArchiveTest {
  @TempDir Path node;

  @Test
  void a_link_in_the_log_directory_is_not_followed_and_a_huge_file_is_cut_to_its_newest_part() throws Exception {
    Path logs = Files.createDirectories(node.resolve("log"));
    Files.writeString(logs.resolve("hm0.log"), "a health monitor line\n");
    Path secret = Files.writeString(node.resolve("secrets.properties"), "db.password=not-for-download\n");
    Files.createSymbolicLink(logs.resolve("postgresql.log"), secret);
    try (RandomAccessFile big = new RandomAccessFile(logs.resolve("big.log").toFile(), "rw")) {
      big.setLength(HmLog.MAX_BYTES_PER_FILE + 1000);
      big.seek(HmLog.MAX_BYTES_PER_FILE + 1000 - 9);
      big.writeBytes("last line");
    }
    HmLog log = new HmLog();
    log.node = NodeSettings.load(node);
    assertEquals(2, log.files().size(), "hm0.log and big.log, not the link: " + log.files());

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    log.writeArchive(out);
    String all = "";
    long bigSize = -1;
    try (ZipInputStream zip = new ZipInputStream(new java.io.ByteArrayInputStream(out.toByteArray()))) {
      for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
        byte[] content = zip.readAllBytes();
        if (e.getName().endsWith("big.log")) {
          bigSize = content.length;
          String head = new String(content, 0, 200, java.nio.charset.StandardCharsets.UTF_8);
          assertTrue(head.startsWith("(the first 1000 bytes are left out"), head);
          assertTrue(new String(content, content.length - 9, 9, java.nio.charset.StandardCharsets.UTF_8).equals("last line"));
        } else {
          all += new String(content, java.nio.charset.StandardCharsets.UTF_8);
        }
      }
    }
    assertTrue(all.contains("a health monitor line") && !all.contains("not-for-download"), all);
    assertTrue(bigSize > HmLog.MAX_BYTES_PER_FILE && bigSize < HmLog.MAX_BYTES_PER_FILE + 200, "bounded: " + bigSize);
  }
}
