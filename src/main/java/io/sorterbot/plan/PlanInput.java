package io.sorterbot.plan;

import io.sorterbot.graph.DependencyGraph;
import io.sorterbot.model.LiveResource;
import io.sorterbot.model.Kind;
import io.sorterbot.spec.StackSpec;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything the planner reads.
 *
 * @param destroy plan the deletion of the whole stack instead of the file's state
 * @param targets when not empty, only these SBIDs and what they need; no pruning
 */
public record PlanInput(StackSpec spec, DependencyGraph graph, Map<String, Kind> kinds,
                        List<LiveResource> live, boolean destroy, Set<String> targets) {}
