package org.ncsha.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class AuthKeyRuleTest {
  @ParameterizedTest(name = "{0} ({1})")
  @CsvSource(delimiter = '|', value = {
      // every combination of the four classes, at 8+ characters
      "abcdefgh        | lower                       | false",
      "ABCDEFGH        | upper                       | false",
      "12345678        | digits                      | false",
      "!@#$%^&*        | special                     | false",
      "abcdEFGH        | lower+upper                 | false",
      "abcd1234        | lower+digits                | false",
      "abcd!@#$        | lower+special               | false",
      "ABCD1234        | upper+digits                | false",
      "ABCD!@#$        | upper+special               | false",
      "1234!@#$        | digits+special              | false",
      "abcDEF12        | lower+upper+digits          | true",
      "abcDEF!@        | lower+upper+special         | true",
      "abc123!@        | lower+digits+special        | true",
      "ABC123!@        | upper+digits+special        | true",
      "aB3!aB3!        | all four                    | true",
      "Ha-k2 spaced    | a space is special          | true",
      "Ünïcödé-9       | non-ASCII letters have case | true",
  })
  void atLeastThreeClasses(String key, String classes, boolean ok) {
    assertEquals(ok, AuthKeyRule.violation(key).isEmpty(), classes);
  }

  @Test
  void weakKeyMessageNamesFieldRuleAndWhatIsMissing() {
    String message = AuthKeyRule.violation("MyNewAuthKey").orElseThrow();
    assertTrue(message.startsWith("Authentication Key "), message);
    assertTrue(message.contains("at least three of the following types of characters: lowercase letters, uppercase letters, digits and special characters"), message);
    assertTrue(message.contains("only lowercase letters and uppercase letters"), message);
  }

  @Test
  void lengthIsOurAdditionAndNamed() {
    String message = AuthKeyRule.violation("aB3!").orElseThrow();
    assertTrue(message.contains("Authentication Key is too short (4 characters)"), message);
    assertTrue(message.contains("at least 8 characters"), message);
    assertTrue(AuthKeyRule.violation("aB3!aB3!").isEmpty());
  }

  @Test
  void emptyNullAndControlCharactersAreRefused() {
    assertTrue(AuthKeyRule.violation((String) null).orElseThrow().startsWith("Authentication Key is required"));
    assertTrue(AuthKeyRule.violation("").orElseThrow().startsWith("Authentication Key is required"));
    Optional<String> tab = AuthKeyRule.violation("aB3!\taB3!");
    assertTrue(tab.orElseThrow().contains("control characters"), tab.get());
  }

  @Test
  void charArrayFormAgrees() {
    assertTrue(AuthKeyRule.violation("aB3!aB3!".toCharArray()).isEmpty());
    assertTrue(AuthKeyRule.violation("aaaaaaaaaa".toCharArray()).isPresent());
  }
}
