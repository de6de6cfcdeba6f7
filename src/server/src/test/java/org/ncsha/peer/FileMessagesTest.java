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
  void a_trailer_follows_the_content_and_holds_only_when_signed_under_its_own_request() throws Exception {
    String sha = "a".repeat(64);
    java.util.List<String> hashes = java.util.Arrays.asList(sha, null, "b".repeat(64));
    String scope = PeerSignature.requestScope("10.0.0.2:8082", FileMessages.STREAM_PATH);
    FileMessages.Trailer trailer = FileMessages.trailer(hashes, SECRET, 1000, "n1", scope);
    try (jakarta.json.bind.Jsonb json = jakarta.json.bind.JsonbBuilder.create()) {
      InputStream rest = new SequenceInputStream(new ByteArrayInputStream(FileMessages.frame(json.toJson(trailer))), stream(""));
      FileMessages.Trailer read = json.fromJson(FileMessages.readTrailer(rest), FileMessages.Trailer.class);
      assertEquals(-1, rest.read());
      assertEquals(hashes, FileMessages.checkedHashes(read, SECRET, 1000, "n1", scope),
          "a file that changed while it was sent travels as null");
    }
    java.util.Map<String, org.junit.jupiter.api.function.Executable> forged = new java.util.LinkedHashMap<>();
    forged.put("another hash", () -> FileMessages.checkedHashes(new FileMessages.Trailer(
        java.util.Arrays.asList(sha, "c".repeat(64), "b".repeat(64)), trailer.signature()), SECRET, 1000, "n1", scope));
    forged.put("the hashes in another order", () -> FileMessages.checkedHashes(new FileMessages.Trailer(
        java.util.Arrays.asList("b".repeat(64), null, sha), trailer.signature()), SECRET, 1000, "n1", scope));
    forged.put("a hash left out", () -> FileMessages.checkedHashes(new FileMessages.Trailer(
        java.util.Arrays.asList(sha, null), trailer.signature()), SECRET, 1000, "n1", scope));
    forged.put("another request's nonce", () -> FileMessages.checkedHashes(trailer, SECRET, 1000, "n2", scope));
    forged.put("another request's time", () -> FileMessages.checkedHashes(trailer, SECRET, 1001, "n1", scope));
    forged.put("another server", () -> FileMessages.checkedHashes(trailer, SECRET, 1000, "n1",
        PeerSignature.requestScope("10.0.0.3:8082", FileMessages.STREAM_PATH)));
    forged.put("another key", () -> FileMessages.checkedHashes(trailer, OTHER, 1000, "n1", scope));
    forged.put("the request's own signature", () -> FileMessages.checkedHashes(new FileMessages.Trailer(hashes,
        PeerSignature.sign(SECRET, 1000, "n1", scope, FileMessages.trailerSigned(hashes))), SECRET, 1000, "n1", scope));
    forged.put("no signature", () -> FileMessages.checkedHashes(new FileMessages.Trailer(hashes, null), SECRET, 1000, "n1", scope));
    forged.put("no hashes", () -> FileMessages.checkedHashes(new FileMessages.Trailer(null, trailer.signature()), SECRET, 1000,
        "n1", scope));
    forged.put("a hash that is not one", () -> FileMessages.checkedHashes(FileMessages.trailer(
        java.util.Arrays.asList(sha + "\n-", "b".repeat(64)), SECRET, 1000, "n1", scope), SECRET, 1000, "n1", scope));
    forged.forEach((what, check) -> {
      IOException e = assertThrows(IOException.class, check, what);
      assertTrue(e.getMessage().startsWith("trailer: "), what + ": " + e.getMessage());
    });
    IOException missing = assertThrows(IOException.class, () -> FileMessages.readTrailer(stream("")));
    assertTrue(missing.getMessage().startsWith("trailer: "), missing.getMessage());
  }
}
