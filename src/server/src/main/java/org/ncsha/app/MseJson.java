package org.ncsha.app;

import jakarta.json.Json;
import jakarta.json.JsonString;
import java.io.StringReader;

/** Reading what an MSE's Health Monitor answers: one text field, or the message of a refusal. */
final class MseJson {
  private MseJson() {}

  /** The string field {@code name} of the JSON object {@code json}; null when absent or not JSON. */
  static String field(String json, String name) {
    try (var reader = Json.createReader(new StringReader(json))) {
      return reader.readObject().get(name) instanceof JsonString text ? text.getString() : null;
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** The refusal's "message", or the whole body when it has none. */
  static String message(String body) {
    String message = field(body, "message");
    return message != null ? message : body;
  }
}
