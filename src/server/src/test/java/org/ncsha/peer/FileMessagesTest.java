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
  private static final String SECRET = java.util.Base64.getEncoder().encodeToString(new byte[32]);
  private static final String OTHER = java.util.Base64.getEncoder().encodeToString(new byte[] {1, 2, 3, 4});

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
  void class_digests_the_unchanged_answer_and_the_trailer_format_travel_and_an_older_peers_messages_read_as_none()
      throws Exception {
    try (jakarta.json.bind.Jsonb json = jakarta.json.bind.JsonbBuilder.create()) {
      FileMessages.ManifestRequest request = new FileMessages.ManifestRequest(java.util.List.of("reports"),
          java.util.List.of(), java.util.Map.of("reports", "d1"));
      assertEquals(request, json.fromJson(json.toJson(request), FileMessages.ManifestRequest.class));
      FileMessages.Manifest answer = new FileMessages.Manifest(java.util.List.of(), java.util.List.of("reports"), true);
      assertEquals(answer, json.fromJson(json.toJson(answer), FileMessages.Manifest.class));
      assertTrue(json.fromJson(json.toJson(answer), FileMessages.Manifest.class).hashesAfterContent());

      FileMessages.ManifestRequest old = json.fromJson("{\"classes\":[\"reports\"],\"entries\":[]}",
          FileMessages.ManifestRequest.class);
      assertEquals(java.util.Map.of(), old.digests());
      FileMessages.Manifest oldAnswer = json.fromJson(
          "{\"entries\":[{\"path\":\"reports/a\",\"size\":1,\"sha256\":\"ab\"}]}", FileMessages.Manifest.class);
      assertEquals(java.util.List.of(), oldAnswer.unchanged());
      assertEquals(1, oldAnswer.entries().size());
      assertEquals(false, oldAnswer.hashesAfterContent(), "an older receiver takes hashes before the content");
    }
  }

  @Test
  void a_trailer_follows_the_content_and_its_signature_covers_every_hash_in_order_and_its_request() throws Exception {
    java.util.List<String> hashes = java.util.Arrays.asList("aa", null, "bb");
    String scope = FileMessages.trailerScope(PeerSignature.requestScope("10.0.0.2:8082", FileMessages.STREAM_PATH));
    String signature = PeerSignature.sign(SECRET, 1000, "n1", scope, FileMessages.trailerSigned(hashes));
    try (jakarta.json.bind.Jsonb json = jakarta.json.bind.JsonbBuilder.create()) {
      String trailer = json.toJson(new FileMessages.Trailer(hashes, signature));
      InputStream rest = new SequenceInputStream(new ByteArrayInputStream(FileMessages.frame(trailer)), stream(""));
      FileMessages.Trailer read = json.fromJson(FileMessages.readTrailer(rest), FileMessages.Trailer.class);
      assertEquals(hashes, read.sha256(), "a file that changed while it was sent travels as null");
      assertEquals(-1, rest.read());
      assertTrue(PeerSignature.matches(SECRET, 1000, "n1", scope, FileMessages.trailerSigned(read.sha256()), read.signature()));
    }
    for (java.util.List<String> other : java.util.List.of(java.util.Arrays.asList("aa", "cc", "bb"),
        java.util.Arrays.asList("bb", null, "aa"), java.util.Arrays.asList("aa", null))) {
      assertEquals(false, PeerSignature.matches(SECRET, 1000, "n1", scope, FileMessages.trailerSigned(other), signature),
          other.toString());
    }
    assertEquals(false, PeerSignature.matches(SECRET, 1000, "n2", scope, FileMessages.trailerSigned(hashes), signature),
        "another request's trailer");
    assertEquals(false, PeerSignature.matches(OTHER, 1000, "n1", scope, FileMessages.trailerSigned(hashes), signature));
    IOException missing = assertThrows(IOException.class, () -> FileMessages.readTrailer(stream("")));
    assertTrue(missing.getMessage().startsWith("trailer: "), missing.getMessage());
  }
}
