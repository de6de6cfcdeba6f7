package org.ncsha.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;

/**
 * The user's side of a command: the real console when there is one (secrets read without
 * echo), otherwise plain lines on stdin, as from a script, a pipe or a test.
 */
public final class Terminal {
  private final Console console;
  private final BufferedReader in;
  private final PrintStream out;
  private final PrintStream err;

  private Terminal(Console console, BufferedReader in, PrintStream out, PrintStream err) {
    this.console = console;
    this.in = in;
    this.out = out;
    this.err = err;
  }

  /** The process's console, or its stdin when that is not a terminal. */
  public static Terminal system() {
    Console console = System.console();
    BufferedReader stdin = console != null ? null : new BufferedReader(new InputStreamReader(System.in));
    return new Terminal(console, stdin, System.out, System.err);
  }

  /** A terminal over plain streams. */
  public static Terminal of(BufferedReader in, PrintStream out, PrintStream err) {
    return new Terminal(null, in, out, err);
  }

  public PrintStream out() {
    return out;
  }

  public PrintStream err() {
    return err;
  }

  /**
   * A secret from the environment variable an option names ({@code --auth-key-env VAR}), so it
   * never appears on a command line; the caller wipes the array.
   */
  static char[] secretFromEnvironment(java.util.Map<String, String> env, String option, String variable)
      throws CliException {
    String value = env.get(variable);
    if (value == null) {
      throw CliException.usage(option + ": the variable " + variable + " is not set");
    }
    return value.toCharArray();
  }

  /** Shows {@code prompt} and reads one line; null at end of input. */
  public String readLine(String prompt) {
    if (console != null) {
      return console.readLine("%s ", prompt);
    }
    out.print(prompt + " ");
    out.flush();
    try {
      return in.readLine();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the answer from standard input", e);
    }
  }

  /** As {@link #readLine}, without echo on a console; the caller wipes the array. */
  public char[] readSecret(String prompt) {
    if (console != null) {
      return console.readPassword("%s ", prompt);
    }
    String line = readLine(prompt);
    if (line != null) {
      out.println(); // the line the user typed is not echoed back by a pipe
    }
    return line == null ? null : line.toCharArray();
  }
}
