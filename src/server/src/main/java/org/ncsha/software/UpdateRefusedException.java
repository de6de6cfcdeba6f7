package org.ncsha.software;

import java.util.List;

/** An upload or install refused before anything changed, with every reason. */
public class UpdateRefusedException extends Exception {
  private final List<String> problems;

  public UpdateRefusedException(List<String> problems) {
    super(String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  public UpdateRefusedException(String problem) {
    this(List.of(problem));
  }

  public List<String> problems() {
    return problems;
  }
}
