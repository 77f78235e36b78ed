package io.sorterbot.spec;

import io.sorterbot.graph.DependencyGraph;

/** A valid file and its dependency graph. */
public record Loaded(StackSpec spec, DependencyGraph graph) {}
