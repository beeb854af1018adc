package io.github.camelkeboola.tooling.docs;

import io.github.camelkeboola.tooling.GeneratedFile;
import io.github.camelkeboola.tooling.catalog.ComponentModel;

import java.nio.file.Path;

/**
 * The build step: {@code GenerateComponentDocs <guide.adoc> <catalog.json> <java examples> <routes dir>} fills the
 * guide's generated regions (see {@link ComponentGuide}), writing the file only when it changed.
 */
public final class GenerateComponentDocs {

    private GenerateComponentDocs() {
    }

    public static void main(String[] args) {
        if (args.length != 4) {
            throw new IllegalArgumentException(
                    "Usage: GenerateComponentDocs <guide.adoc> <catalog.json> <java examples> <routes dir>");
        }
        Path guide = Path.of(args[0]);
        ComponentGuide generator = new ComponentGuide(ComponentModel.read(args[1]), Path.of(args[2]), Path.of(args[3]));
        boolean changed = GeneratedFile.write(guide, generator.fill(GeneratedFile.read(guide)));
        System.out.println((changed ? "Generated " : "Up to date: ") + guide);
    }
}
