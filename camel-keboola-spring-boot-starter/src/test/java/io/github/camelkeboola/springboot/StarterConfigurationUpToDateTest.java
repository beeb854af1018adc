package io.github.camelkeboola.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import io.github.camelkeboola.tooling.GeneratedFile;
import io.github.camelkeboola.tooling.catalog.ComponentModel;
import io.github.camelkeboola.tooling.springboot.GenerateStarterConfiguration;
import io.github.camelkeboola.tooling.springboot.StarterConfigurationGenerator;
import org.junit.jupiter.api.Test;

/** The committed configuration class and metadata are what the generator makes of the component's keboola.json. */
class StarterConfigurationUpToDateTest {

    private static final String STALE = "%s is stale: rebuild (mvn -pl camel-keboola-spring-boot-starter -am process-classes,"
                                        + " without CI=true) and commit it";

    @Test
    void theCommittedFilesEqualAFreshGeneration() {
        StarterConfigurationGenerator generator = new StarterConfigurationGenerator(
                ComponentModel.read("classpath:META-INF/io/github/camelkeboola/component/keboola.json"),
                KeboolaComponentConfiguration.class.getPackageName());
        Path generated = Path.of("src/generated");
        Path source = GenerateStarterConfiguration.sourceFile(generated, KeboolaComponentConfiguration.class.getPackageName(),
                generator.className());
        Path metadata = generated.resolve(GenerateStarterConfiguration.METADATA);

        assertThat(GeneratedFile.read(source)).as(STALE, source).isEqualTo(generator.javaSource());
        assertThat(GeneratedFile.read(metadata)).as(STALE, metadata).isEqualTo(generator.metadata());
    }
}
