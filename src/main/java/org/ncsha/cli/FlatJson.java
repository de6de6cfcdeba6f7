package org.ncsha.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Just enough JSON for the Health Monitor's answers: the top-level members of one object
 * whose values are strings, numbers, booleans or null. Nested objects and arrays are skipped.
 */
final class FlatJson {
  private final String text;
  private int pos;

  private FlatJson(String text) {
    this.text = text;
  }

  /** The top-level members in document order (numbers as their text, null as Java null). */
  static Map<String, Object> parse(String json) {
    FlatJson p = new FlatJson(json == null ? "" : json);
    Map<String, Object> members = new LinkedHashMap<>();
    p.expect('{');
    if (p.peek() == '}') {
      p.pos++;
      p.end();
      return members;
    }
    while (true) {
      String name = p.string();
      p.expect(':');
      char c = p.peek();
      if (c == '{' || c == '[') {
        p.skipNested();
      } else {
        members.put(name, p.scalar());
      }
      char next = p.next();
      if (next == '}') {
        p.end();
        return members;
      }
      if (next != ',') {
        throw p.error("',' or '}'");
      }
    }
  }

  /** A JSON string literal for {@code value}. */
  static String quote(String value) {
    StringBuilder sb = new StringBuilder("\"");
    for (char c : value.toCharArray()) {
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }

  private Object scalar() {
    char c = peek();
    if (c == '"') {
      return string();
    }
    int start = pos;
    while (pos < text.length() && ",}] \t\r\n".indexOf(text.charAt(pos)) < 0) {
      pos++;
    }
    String word = text.substring(start, pos);
    switch (word) {
      case "true":
        return Boolean.TRUE;
      case "false":
        return Boolean.FALSE;
      case "null":
        return null;
      default:
        if (!word.matches("-?(0|[1-9]\\d*)(\\.\\d+)?([eE][+-]?\\d+)?")) {
          pos = start;
          throw error("a value");
        }
        return word;
    }
  }

  private String string() {
    expect('"');
    StringBuilder sb = new StringBuilder();
    while (true) {
      if (pos >= text.length()) {
        throw error("end of string");
      }
      char c = text.charAt(pos++);
      if (c == '"') {
        return sb.toString();
      }
      if (c != '\\') {
        sb.append(c);
        continue;
      }
      if (pos >= text.length()) {
        throw error("an escape");
      }
      char e = text.charAt(pos++);
      switch (e) {
        case 'b' -> sb.append('\b');
        case 'f' -> sb.append('\f');
        case 'n' -> sb.append('\n');
        case 'r' -> sb.append('\r');
        case 't' -> sb.append('\t');
        case 'u' -> {
          if (pos + 4 > text.length()) {
            throw error("four hex digits");
          }
          try {
            sb.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
          } catch (NumberFormatException ex) {
            throw error("four hex digits");
          }
          pos += 4;
        }
        default -> sb.append(e); // \" \\ \/
      }
    }
  }

  // Nested values only need their extent: count brackets outside strings.
  private void skipNested() {
    int depth = 0;
    do {
      char c = next();
      if (c == '"') {
        pos--;
        string();
      } else if (c == '{' || c == '[') {
        depth++;
      } else if (c == '}' || c == ']') {
        depth--;
      }
    } while (depth > 0);
  }

  private void expect(char c) {
    if (next() != c) {
      pos = Math.max(0, pos - 1);
      throw error("'" + c + "'");
    }
  }

  private char peek() {
    skipBlanks();
    if (pos >= text.length()) {
      throw error("more input");
    }
    return text.charAt(pos);
  }

  private char next() {
    char c = peek();
    pos++;
    return c;
  }

  private void end() {
    skipBlanks();
    if (pos < text.length()) {
      throw error("end of input");
    }
  }

  private void skipBlanks() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  private IllegalArgumentException error(String expected) {
    return new IllegalArgumentException("Not a JSON object: expected " + expected + " at offset " + pos);
  }
}
