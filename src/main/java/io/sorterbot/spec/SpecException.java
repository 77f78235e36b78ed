package io.sorterbot.spec;

import java.util.List;

/** The file is not valid; carries every problem found. */
public final class SpecException extends RuntimeException {
  private final List<Problem> problems;

  public SpecException(List<Problem> problems) {
    super(problems.size() + " problem(s); first: " + (problems.isEmpty() ? "" : problems.get(0).render()));
    this.problems = List.copyOf(problems);
  }

  public List<Problem> problems() { return problems; }
}
