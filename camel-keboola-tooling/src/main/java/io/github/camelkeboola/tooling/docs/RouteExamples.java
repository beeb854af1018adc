package io.github.camelkeboola.tooling.docs;

import io.github.camelkeboola.tooling.GeneratedFile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Source blocks out of the files the tests run. A route in three DSLs becomes AsciiDoc tabs (Camel's docs tabs;
 * elsewhere each tab shows as a labelled block): the Java DSL between {@code // tag::<name>[]} and
 * {@code // end::<name>[]} of a Java source, the YAML and XML DSL from {@code routes/<name>.yaml} and
 * {@code routes/<name>.xml} of the test resources.
 */
final class RouteExamples {

    private final Path javaSource;
    private final Path resourcesDir;

    RouteExamples(Path javaSource, Path resourcesDir) {
        this.javaSource = javaSource;
        this.resourcesDir = resourcesDir;
    }

    String tabs(String name) {
        return "[tabs]\n====\n"
               + tab("Java", "java", javaTag(name)) + "\n"
               + tab("YAML", "yaml", file("routes/" + name + ".yaml")) + "\n"
               + tab("XML", "xml", file("routes/" + name + ".xml"))
               + "====\n";
    }

    /** The Java between the tags as one source block. */
    String javaBlock(String name) {
        return block("java", javaTag(name));
    }

    /** A test resource as one source block, without its leading comment lines (they speak to the tests). */
    String fileBlock(String relativePath) {
        List<String> lines = new ArrayList<>(List.of(file(relativePath).split("\n")));
        while (!lines.isEmpty() && (lines.get(0).startsWith("#") || lines.get(0).isBlank())) {
            lines.remove(0);
        }
        String language = relativePath.substring(relativePath.lastIndexOf('.') + 1);
        return block(language, String.join("\n", lines) + "\n");
    }

    private static String block(String language, String source) {
        return "[source," + language + "]\n----\n" + source + "----\n";
    }

    private static String tab(String title, String language, String source) {
        return title + "::\n+\n[source," + language + "]\n----\n" + source + (source.endsWith("\n") ? "" : "\n")
               + "----\n";
    }

    private String file(String relativePath) {
        Path file = resourcesDir.resolve(relativePath);
        if (!Files.exists(file)) {
            throw new IllegalArgumentException("No file " + file);
        }
        return GeneratedFile.read(file).strip() + "\n";
    }

    private String javaTag(String name) {
        List<String> lines = List.of(GeneratedFile.read(javaSource).split("\n"));
        int start = lines.indexOf(lines.stream().filter(l -> l.strip().equals("// tag::" + name + "[]")).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No '// tag::" + name + "[]' in " + javaSource)));
        List<String> tagged = new ArrayList<>();
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.strip().equals("// end::" + name + "[]")) {
                return dedent(tagged);
            }
            tagged.add(line);
        }
        throw new IllegalArgumentException("No '// end::" + name + "[]' in " + javaSource);
    }

    private static String dedent(List<String> lines) {
        int indent = lines.stream().filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        StringBuilder out = new StringBuilder();
        lines.forEach(l -> out.append(l.isBlank() ? "" : l.substring(indent)).append('\n'));
        return out.toString();
    }
}
