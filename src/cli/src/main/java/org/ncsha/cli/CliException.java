package org.ncsha.cli;

/** Ends a command with a message for the user and the exit code: 1 failure, 2 usage. */
final class CliException extends Exception {
  private static final long serialVersionUID = 1L;
  static final int FAILURE = 1;
  static final int USAGE = 2;

  private final int exitCode;

  CliException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  static CliException usage(String message) {
    return new CliException(USAGE, message);
  }

  static CliException failure(String message) {
    return new CliException(FAILURE, message);
  }

  int exitCode() {
    return exitCode;
  }
}
