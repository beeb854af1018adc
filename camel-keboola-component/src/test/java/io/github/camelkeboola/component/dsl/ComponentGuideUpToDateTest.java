package io.github.camelkeboola.component.dsl;

import io.github.camelkeboola.tooling.GeneratedFile;
import io.github.camelkeboola.tooling.catalog.ComponentModel;
import io.github.camelkeboola.tooling.docs.ComponentGuide;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generated parts of the docs (option and header tables, examples) are what the generator makes of the current
 * keboola.json and test files: nobody edited them by hand, and no one forgot to rebuild and commit.
 */
class ComponentGuideUpToDateTest {

    private static final Path DOCS = Path.of("src/main/docs");

    @Test
    void theGeneratedPartsOfEveryPageAreFresh() {
        ComponentGuide generator = new ComponentGuide(
                ComponentModel.read("classpath:META-INF/io/github/camelkeboola/component/keboola.json"),
                Path.of("src/test/java/io/github/camelkeboola/component/dsl/OrdersRoutes.java"),
                Path.of("src/test/resources"));
        List<Path> pages = ComponentGuide.pages(DOCS);
        assertThat(pages).contains(DOCS.resolve("keboola-component.adoc"), DOCS.resolve("running/camel-main.adoc"));

        for (Path page : pages) {
            String committed = GeneratedFile.read(page);
            assertThat(committed)
                    .as("%s is stale: rebuild the component (mvn -pl camel-keboola-component -am process-classes) and commit it",
                            page)
                    .isEqualTo(generator.fill(committed));
        }
        assertThat(GeneratedFile.read(DOCS.resolve("keboola-component.adoc")))
                .doesNotContain("include::partial$").contains("| *token* (security) | *Required*");
    }
}
