package org.ncsha.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The guide's rule for the HA authentication key: at least three of lowercase letters,
 * uppercase letters, digits and special characters, plus our own minimum length.
 */
public final class AuthKeyRule {
  /** The field name used in every message, as the installer and the GUI call it. */
  public static final String FIELD = "Authentication Key";
  /**
   * Our addition: the guide allows "any length", but a three-character key meets its class
   * rule and falls to brute force in seconds; 8 is the usual floor for a shared secret.
   */
  public static final int MIN_LENGTH = 8;
  /** The rule in one sentence, for prompts, help texts and error messages. */
  public static final String RULE =
      "it must be at least " + MIN_LENGTH + " characters long and contain at least three of the"
          + " following types of characters: lowercase letters, uppercase letters, digits and"
          + " special characters";

  private AuthKeyRule() {}

  /** Why {@code key} breaks the rule, or empty when it is acceptable. */
  public static Optional<String> violation(String key) {
    return violation(key == null ? null : key.toCharArray());
  }

  /** As {@link #violation(String)}, for keys kept in a char array so they can be wiped. */
  public static Optional<String> violation(char[] key) {
    if (key == null || key.length == 0) {
      return Optional.of(FIELD + " is required: " + RULE + ".");
    }
    boolean lower = false, upper = false, digit = false, special = false;
    int length = 0;
    for (int i = 0; i < key.length; i += Character.charCount(Character.codePointAt(key, i))) {
      int c = Character.codePointAt(key, i);
      length++;
      // Control characters cannot be typed at the installer prompt and break HTTP headers.
      if (Character.isISOControl(c)) {
        return Optional.of(FIELD + " must not contain control characters (such as tab or newline): " + RULE + ".");
      }
      if (Character.isLowerCase(c)) {
        lower = true;
      } else if (Character.isUpperCase(c)) {
        upper = true;
      } else if (Character.isDigit(c)) {
        digit = true;
      } else {
        special = true;
      }
    }
    List<String> has = new ArrayList<>();
    if (lower) has.add("lowercase letters");
    if (upper) has.add("uppercase letters");
    if (digit) has.add("digits");
    if (special) has.add("special characters");
    if (length < MIN_LENGTH) {
      return Optional.of(FIELD + " is too short (" + length + " characters): " + RULE + ".");
    }
    if (has.size() < 3) {
      return Optional.of(FIELD + " is too weak (it contains only " + String.join(" and ", has) + "): " + RULE + ".");
    }
    return Optional.empty();
  }
}
