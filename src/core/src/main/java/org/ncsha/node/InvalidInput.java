package org.ncsha.node;

import java.util.List;

/**
 * What an administrator gave (a form, a request, an uploaded file) was refused by its rules:
 * every problem, each naming its field and the rule, so that all are shown at once and nothing
 * changed.
 */
public final class InvalidInput extends Exception {
  private final List<String> problems;

  public InvalidInput(List<String> problems) {
    super(String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
