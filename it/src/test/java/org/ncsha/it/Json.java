package org.ncsha.it;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.Optional;

/** The servers' JSON answers, read with JSON-P (Parsson) rather than by pattern. */
final class Json {
  private Json() {}

  static JsonStructure parse(String body) {
    try (var reader = jakarta.json.Json.createReader(new StringReader(body))) {
      return reader.read();
    }
  }

  /**
   * The value of the first member called {@code name} as text (a string's value, a number or
   * boolean as written): at the top level first, then in nested objects and arrays in document
   * order. Null when there is none or it is JSON null.
   */
  static String field(String body, String name) {
    JsonStructure json = parseOrNull(body);
    return json == null ? null : member(json, name).map(Json::text).orElse(null);
  }

  /** Whether a member called {@code name} is anywhere in the body, whatever its value (null too). */
  static boolean hasMember(String body, String name) {
    JsonStructure json = parseOrNull(body);
    return json != null && member(json, name).isPresent();
  }

  /**
   * Whether some object, at any depth, has a member {@code key} whose text ({@link #field}'s) is
   * {@code value}; "null" matches JSON null. False for a body that is not JSON (an error page
   * while a server restarts), so a wait goes on polling.
   */
  static boolean has(String body, String key, String value) {
    JsonStructure json = parseOrNull(body);
    return json != null && has(json, key, value);
  }

  private static boolean has(JsonValue v, String key, String value) {
    if (v instanceof JsonObject o) {
      JsonValue member = o.get(key);
      if (member != null && value.equals(member.getValueType() == JsonValue.ValueType.NULL ? "null" : text(member))) {
        return true;
      }
      return o.values().stream().anyMatch(c -> has(c, key, value));
    }
    return v instanceof JsonArray a && a.stream().anyMatch(c -> has(c, key, value));
  }

  private static JsonStructure parseOrNull(String body) {
    try {
      return parse(body);
    } catch (jakarta.json.JsonException e) {
      return null;
    }
  }

  /** The first object, at any depth, whose {@code key} member is the string {@code value}. */
  static Optional<JsonObject> objectWith(String body, String key, String value) {
    return objectWith(parse(body), key, value);
  }

  private static Optional<JsonObject> objectWith(JsonValue v, String key, String value) {
    if (v instanceof JsonObject o) {
      if (o.get(key) instanceof JsonString s && s.getString().equals(value)) {
        return Optional.of(o);
      }
      return o.values().stream().map(c -> objectWith(c, key, value)).flatMap(Optional::stream).findFirst();
    }
    if (v instanceof JsonArray a) {
      return a.stream().map(c -> objectWith(c, key, value)).flatMap(Optional::stream).findFirst();
    }
    return Optional.empty();
  }

  private static Optional<JsonValue> member(JsonValue v, String name) {
    if (v instanceof JsonObject o) {
      if (o.containsKey(name)) {
        return Optional.of(o.get(name));
      }
      return o.values().stream().map(c -> member(c, name)).flatMap(Optional::stream).findFirst();
    }
    if (v instanceof JsonArray a) {
      return a.stream().map(c -> member(c, name)).flatMap(Optional::stream).findFirst();
    }
    return Optional.empty();
  }

  private static String text(JsonValue v) {
    return switch (v.getValueType()) {
      case STRING -> ((JsonString) v).getString();
      case NUMBER -> ((JsonNumber) v).toString();
      case TRUE, FALSE -> v.toString();
      case NULL -> null;
      case OBJECT, ARRAY -> v.toString();
    };
  }
}
