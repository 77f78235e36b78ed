package io.sorterbot.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DependencyGraphTest {

  private static DependencyGraph g(Map<String, Set<String>> needs) { return DependencyGraph.of(needs); }

  @Test
  void applyOrderPutsEveryResourceAfterWhatItNeedsWithTiesBySbid() {
    DependencyGraph g = g(Map.of(
        "Vpc", Set.of(),
        "SubnetB", Set.of("Vpc"),
        "SubnetA", Set.of("Vpc"),
        "Rt", Set.of("SubnetA", "SubnetB", "Igw"),
        "Igw", Set.of("Vpc")));
    assertThat(g.applyOrder()).containsExactly("Vpc", "Igw", "SubnetA", "SubnetB", "Rt");
    assertThat(g.destroyOrder()).containsExactly("Rt", "SubnetB", "SubnetA", "Igw", "Vpc");
    assertThat(g.dependencies("Rt")).containsExactly("Igw", "SubnetA", "SubnetB");
    assertThat(g.dependents("Vpc")).containsExactly("Igw", "SubnetA", "SubnetB");
    assertThat(g.transitiveDependencies("Rt")).containsExactly("Igw", "SubnetA", "SubnetB", "Vpc");
    assertThat(g.cycles()).isEmpty();
  }

  @Test
  void cyclesAreNamedInReferenceOrderFromTheSmallestSbid() {
    DependencyGraph g = g(Map.of(
        "A", Set.of("C"),   // C -> A
        "B", Set.of("A"),   // A -> B
        "C", Set.of("B"),   // B -> C
        "D", Set.of("D"),   // self loop
        "E", Set.of()));
    assertThat(g.cycles()).containsExactly(List.of("A", "C", "B"), List.of("D")); // A needs C, C needs B, B needs A
  }

  @Test
  void unknownTargetsAreIgnoredSoValidationCanReportThem() {
    DependencyGraph g = g(Map.of("A", Set.of("Missing")));
    assertThat(g.applyOrder()).containsExactly("A");
    assertThat(g.edges()).isEmpty();
  }
}
