package org.ncsha.cli;

import java.util.Arrays;
import java.util.Optional;
import org.ncsha.security.AuthKeyRule;

/** Asks for a new authentication key twice, as the installer does, enforcing the key rule. */
final class KeyPrompt {
  static final String ENTER = "Enter Authentication Key:";
  static final String CONFIRM = "Confirm Authentication Key:";
  static final String MISMATCH = "The two Authentication Keys do not match: enter the same key at both prompts.";
  /** Attempts in all, so a script feeding wrong input cannot loop forever. */
  static final int ATTEMPTS = 3;

  private KeyPrompt() {}

  /** A key that meets the rule and was typed the same twice; the caller wipes it. */
  static char[] ask(Terminal terminal) throws CliException {
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      char[] key = terminal.readSecret(ENTER);
      if (key == null) {
        throw CliException.usage("No Authentication Key was entered (end of input).");
      }
      Optional<String> violation = AuthKeyRule.violation(key);
      if (violation.isPresent()) {
        wipe(key);
        terminal.err().println(violation.get());
        continue;
      }
      char[] again = terminal.readSecret(CONFIRM);
      if (again == null) {
        wipe(key);
        throw CliException.usage("The Authentication Key was not confirmed (end of input).");
      }
      boolean same = Arrays.equals(key, again);
      wipe(again);
      if (same) {
        return key;
      }
      wipe(key);
      terminal.err().println(MISMATCH);
    }
    throw CliException.usage("No valid Authentication Key after " + ATTEMPTS + " attempts.");
  }

  static void wipe(char[] secret) {
    if (secret != null) {
      Arrays.fill(secret, '\0');
    }
  }
}
