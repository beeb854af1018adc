package io.github.camelkeboola.component.dsl;

import io.github.camelkeboola.tooling.GeneratedFile;
import io.github.camelkeboola.tooling.catalog.ComponentModel;
import io.github.camelkeboola.tooling.docs.ComponentDocs;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generated parts of the docs (option and header tables, examples) are what the generator makes of the current
 * keboola.json and test files: nobody edited them by hand, and no one forgot to rebuild and commit.
 */
class ComponentDocsUpToDateTest {

    private static final Path DOCS = Path.of("src/main/docs");

    @Test
    void theGeneratedPartsOfEveryPageAreFresh() {
        ComponentModel catalog = ComponentModel.read("classpath:META-INF/io/github/camelkeboola/component/keboola.json");
        ComponentDocs generator = new ComponentDocs(catalog,
                Path.of("src/test/java/io/github/camelkeboola/component/dsl/OrdersRoutes.java"),
                Path.of("src/test/resources"));
        List<Path> pages = ComponentDocs.pages(DOCS);
        assertThat(pages).contains(DOCS.resolve("keboola-component.adoc"), DOCS.resolve("running/camel-main.adoc"));

        for (Path page : pages) {
            String committed = GeneratedFile.read(page);
            assertThat(committed)
                    .as("%s is stale: rebuild (mvn -pl camel-keboola-component -am process-classes, without CI=true) and commit it",
                            page)
                    .isEqualTo(generator.fill(committed));
        }
        String guide = GeneratedFile.read(DOCS.resolve("keboola-component.adoc"));
        assertThat(guide).doesNotContain("include::partial$");
        catalog.endpointOptions().forEach(o -> assertThat(guide).as("the row of %s", o.name()).contains("| *" + o.name() + "* ("));
        catalog.headers().forEach(h -> assertThat(guide).as("the row of %s", h.name()).contains("| *" + h.name() + "* ("));
    }
}
