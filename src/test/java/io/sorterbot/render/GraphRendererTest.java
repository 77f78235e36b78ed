package io.sorterbot.render;

import io.sorterbot.spec.Loaded;
import io.sorterbot.spec.SpecReader;
import io.sorterbot.testutil.Golden;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GraphRendererTest {
  @Test
  void fullStackGraphIsStable() {
    Loaded l = new SpecReader(io.sorterbot.kinds.KindRegistry.catalog()).read(Path.of("sorterbot.yaml"), Map.of());
    Golden.assertMatches("graph/sorterbot.dot", GraphRenderer.dot(l.spec(), l.graph()));
    Golden.assertMatches("graph/sorterbot.mmd", GraphRenderer.mermaid(l.spec(), l.graph()));
  }
}
