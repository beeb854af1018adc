package io.github.camelkeboola.component.dsl;

import io.github.camelkeboola.tooling.GeneratedFile;
import io.github.camelkeboola.tooling.catalog.ComponentModel;
import io.github.camelkeboola.tooling.docs.ComponentGuide;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The guide's generated parts (option and header tables, example tabs) are what the generator makes of the current
 * keboola.json and route files: nobody edited them by hand, and no one forgot to rebuild and commit.
 */
class ComponentGuideUpToDateTest {

    private static final Path GUIDE = Path.of("src/main/docs/keboola-component.adoc");

    @Test
    void theGeneratedPartsOfTheGuideAreFresh() {
        ComponentGuide guide = new ComponentGuide(
                ComponentModel.read("classpath:META-INF/io/github/camelkeboola/component/keboola.json"),
                Path.of("src/test/java/io/github/camelkeboola/component/dsl/OrdersRoutes.java"),
                Path.of("src/test/resources/routes"));
        String committed = GeneratedFile.read(GUIDE);

        assertThat(committed)
                .as("%s is stale: rebuild the component (mvn -pl camel-keboola-component -am process-classes) and commit it",
                        GUIDE)
                .isEqualTo(guide.fill(committed));
        assertThat(committed).doesNotContain("include::partial$").contains("| *token* (security) | *Required*");
    }
}
