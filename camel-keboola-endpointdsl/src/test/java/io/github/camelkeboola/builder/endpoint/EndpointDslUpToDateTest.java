package io.github.camelkeboola.builder.endpoint;

import io.github.camelkeboola.tooling.GeneratedFile;
import io.github.camelkeboola.tooling.catalog.ComponentModel;
import io.github.camelkeboola.tooling.endpointdsl.EndpointDslGenerator;
import io.github.camelkeboola.tooling.endpointdsl.GenerateEndpointDsl;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The committed builder is what the generator makes of the component's current keboola.json. */
class EndpointDslUpToDateTest {

    static final String CATALOG = "classpath:META-INF/io/github/camelkeboola/component/keboola.json";

    @Test
    void theCommittedFactoryEqualsAFreshGeneration() {
        EndpointDslGenerator generator = new EndpointDslGenerator(ComponentModel.read(CATALOG),
                KeboolaEndpointBuilderFactory.class.getPackageName());
        Path committed = GenerateEndpointDsl.sourceFile(Path.of("src/generated/java"),
                KeboolaEndpointBuilderFactory.class.getPackageName(), generator.factoryName());

        assertThat(GeneratedFile.read(committed))
                .as("%s is stale: rebuild (mvn -pl camel-keboola-endpointdsl -am process-classes, without CI=true) and commit it",
                        committed)
                .isEqualTo(generator.generate());
    }
}
