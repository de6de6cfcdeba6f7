package org.ncsha.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FileMessagesTest {
  private static InputStream stream(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void the_signed_part_is_read_and_the_content_follows_untouched() throws IOException {
    String signed = "{\"files\":[{\"path\":\"reports/é\",\"size\":3,\"sha256\":\"ab\"}]}";
    InputStream body = new SequenceInputStream(new ByteArrayInputStream(FileMessages.frame(signed)), stream("xyz"));
    assertEquals(signed, FileMessages.readSignedPart(body));
    assertEquals("xyz", new String(body.readAllBytes(), StandardCharsets.UTF_8));
  }

  @Test
  void a_body_without_a_good_length_line_is_refused_with_the_rule() {
    for (String bad : new String[] {"", "\n{}", "12x\n{}", "999999999\n{}", "5000000\n{}", "10\n{}"}) {
      IOException e = assertThrows(IOException.class, () -> FileMessages.readSignedPart(stream(bad)), bad);
      assertTrue(e.getMessage().startsWith("body: "), e.getMessage());
    }
  }

  @Test
  void class_digests_and_the_unchanged_answer_travel_and_an_older_peers_messages_read_as_none() throws Exception {
    try (jakarta.json.bind.Jsonb json = jakarta.json.bind.JsonbBuilder.create()) {
      FileMessages.ManifestRequest request = new FileMessages.ManifestRequest(java.util.List.of("reports"),
          java.util.List.of(), java.util.Map.of("reports", "d1"));
      assertEquals(request, json.fromJson(json.toJson(request), FileMessages.ManifestRequest.class));
      FileMessages.Manifest answer = new FileMessages.Manifest(java.util.List.of(), java.util.List.of("reports"));
      assertEquals(answer, json.fromJson(json.toJson(answer), FileMessages.Manifest.class));

      FileMessages.ManifestRequest old = json.fromJson("{\"classes\":[\"reports\"],\"entries\":[]}",
          FileMessages.ManifestRequest.class);
      assertEquals(java.util.Map.of(), old.digests());
      FileMessages.Manifest oldAnswer = json.fromJson(
          "{\"entries\":[{\"path\":\"reports/a\",\"size\":1,\"sha256\":\"ab\"}]}", FileMessages.Manifest.class);
      assertEquals(java.util.List.of(), oldAnswer.unchanged());
      assertEquals(1, oldAnswer.entries().size());
    }
  }
}
