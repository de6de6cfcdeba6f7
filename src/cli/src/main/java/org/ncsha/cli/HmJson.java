package org.ncsha.cli;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;

/** The Health Monitor's JSON answers, read with JSON-P (Parsson inside the CLI's jar). */
final class HmJson {
  private HmJson() {}

  /** The answer's object; {@link JsonException} when the body is not one JSON object. */
  static JsonObject object(String body) {
    try (var reader = Json.createReader(new StringReader(body == null ? "" : body))) {
      return reader.readObject();
    }
  }

  /** A top-level member as text (a string's value, a number or boolean as written); null when absent, null or nested. */
  static String text(JsonObject object, String name) {
    return scalar(object.get(name));
  }

  /** The top-level members that are not objects or arrays, in document order (JSON null as Java null). */
  static Map<String, String> scalars(JsonObject object) {
    Map<String, String> members = new LinkedHashMap<>();
    object.forEach((name, value) -> {
      if (value.getValueType() != JsonValue.ValueType.OBJECT && value.getValueType() != JsonValue.ValueType.ARRAY) {
        members.put(name, scalar(value));
      }
    });
    return members;
  }

  private static String scalar(JsonValue value) {
    if (value == null) {
      return null;
    }
    return switch (value.getValueType()) {
      case STRING -> ((JsonString) value).getString();
      case NUMBER -> ((JsonNumber) value).toString();
      case TRUE, FALSE -> value.toString();
      case NULL, OBJECT, ARRAY -> null;
    };
  }
}
