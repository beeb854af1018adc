package io.github.camelkeboola.tooling.docs;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MarkedRegionsTest {

    @Test
    void replacesOnlyTheLinesBetweenTheMarkers() {
        String page = "intro\n// tables: START\nold\nlines\n// tables: END\nprose\n// example a: START\n// example a: END\n";

        String filled = MarkedRegions.fill(page, region -> "<" + region + ">\n");

        assertThat(filled).isEqualTo(
                "intro\n// tables: START\n<tables>\n// tables: END\nprose\n// example a: START\n<example a>\n// example a: END\n");
        assertThat(MarkedRegions.fill(filled, region -> "<" + region + ">\n")).isEqualTo(filled);
        assertThat(MarkedRegions.names(page)).containsExactly("tables", "example a");
    }

    @Test
    void aRegionWithoutItsEndFails() {
        assertThatThrownBy(() -> MarkedRegions.fill("// tables: START\nx\n", region -> ""))
                .hasMessageContaining("// tables: END");
    }
}
