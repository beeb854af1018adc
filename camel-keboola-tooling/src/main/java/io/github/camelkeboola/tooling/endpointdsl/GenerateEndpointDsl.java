package io.github.camelkeboola.tooling.endpointdsl;

import io.github.camelkeboola.tooling.GeneratedFile;
import io.github.camelkeboola.tooling.catalog.ComponentModel;

import java.nio.file.Path;

/**
 * The build step: {@code GenerateEndpointDsl <catalog> <package> <source root>} writes the endpoint builder factory
 * of the catalog's component into the source root, when it changed (see {@link GeneratedFile#update}). The catalog
 * is a file or {@code classpath:<resource>}.
 */
public final class GenerateEndpointDsl {

    private GenerateEndpointDsl() {
    }

    public static void main(String[] args) {
        if (args.length != 3) {
            throw new IllegalArgumentException("Usage: GenerateEndpointDsl <catalog.json> <package> <source root>");
        }
        EndpointDslGenerator generator = new EndpointDslGenerator(ComponentModel.read(args[0]), args[1]);
        Path file = sourceFile(Path.of(args[2]), args[1], generator.factoryName());
        GeneratedFile.update(file, generator.generate());
    }

    /** Where the factory's source lives under {@code sourceRoot}. */
    public static Path sourceFile(Path sourceRoot, String packageName, String typeName) {
        return sourceRoot.resolve(packageName.replace('.', '/')).resolve(typeName + ".java");
    }
}
