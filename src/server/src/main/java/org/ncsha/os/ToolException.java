package org.ncsha.os;

/** A tool that could not run, failed or ran past its time; the message names the tool, its exit code and stderr. */
public class ToolException extends RuntimeException {
  public ToolException(String message) {
    super(message);
  }

  public ToolException(String message, Throwable cause) {
    super(message, cause);
  }
}
