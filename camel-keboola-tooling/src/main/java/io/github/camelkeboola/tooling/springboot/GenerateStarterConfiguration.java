package io.github.camelkeboola.tooling.springboot;

import io.github.camelkeboola.tooling.GeneratedFile;
import io.github.camelkeboola.tooling.catalog.ComponentModel;

import java.nio.file.Path;

/**
 * The build step of the Spring Boot starter: {@code GenerateStarterConfiguration <catalog> <package> <generated dir>}
 * writes the component configuration class under {@code <generated dir>/java} and its additional Spring
 * configuration metadata under {@code <generated dir>/resources}, when they changed (see {@link GeneratedFile#update}).
 */
public final class GenerateStarterConfiguration {

    /** Where Spring Boot reads additional configuration metadata from. */
    public static final String METADATA = "resources/META-INF/additional-spring-configuration-metadata.json";

    private GenerateStarterConfiguration() {
    }

    public static void main(String[] args) {
        if (args.length != 3) {
            throw new IllegalArgumentException("Usage: GenerateStarterConfiguration <catalog.json> <package> <generated dir>");
        }
        StarterConfigurationGenerator generator = new StarterConfigurationGenerator(ComponentModel.read(args[0]), args[1]);
        Path generated = Path.of(args[2]);
        GeneratedFile.update(sourceFile(generated, args[1], generator.className()), generator.javaSource());
        GeneratedFile.update(generated.resolve(METADATA), generator.metadata());
    }

    /** Where the configuration class lives under {@code generated}. */
    public static Path sourceFile(Path generated, String packageName, String className) {
        return generated.resolve("java").resolve(packageName.replace('.', '/')).resolve(className + ".java");
    }
}
