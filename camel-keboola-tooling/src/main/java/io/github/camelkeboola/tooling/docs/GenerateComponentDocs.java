package io.github.camelkeboola.tooling.docs;

import io.github.camelkeboola.tooling.GeneratedFile;
import io.github.camelkeboola.tooling.catalog.ComponentModel;

import java.nio.file.Path;

/**
 * The build step: {@code GenerateComponentDocs <catalog.json> <java examples> <test resources> <docs dir>} fills
 * the generated regions of each page under the docs dir (see {@link ComponentDocs}), writing a page only when it
 * changed (see {@link GeneratedFile#update}).
 */
public final class GenerateComponentDocs {

    private GenerateComponentDocs() {
    }

    public static void main(String[] args) {
        if (args.length != 4) {
            throw new IllegalArgumentException(
                    "Usage: GenerateComponentDocs <catalog.json> <java examples> <test resources> <docs dir>");
        }
        ComponentDocs generator = new ComponentDocs(ComponentModel.read(args[0]), Path.of(args[1]), Path.of(args[2]));
        for (Path file : ComponentDocs.pages(Path.of(args[3]))) {
            GeneratedFile.update(file, generator.fill(GeneratedFile.read(file)));
        }
    }
}
