package io.github.camelkeboola.tooling.docs;

import io.github.camelkeboola.tooling.GeneratedFile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One route in three DSLs as AsciiDoc tabs (Camel's docs tabs; elsewhere each tab shows as a labelled block), read
 * from the files the tests run: the Java DSL between {@code // tag::<name>[]} and {@code // end::<name>[]} of a
 * Java source, the YAML and XML DSL from {@code <name>.yaml} and {@code <name>.xml}.
 */
final class RouteExamples {

    private final Path javaSource;
    private final Path routesDir;

    RouteExamples(Path javaSource, Path routesDir) {
        this.javaSource = javaSource;
        this.routesDir = routesDir;
    }

    String tabs(String name) {
        return "[tabs]\n====\n"
               + tab("Java", "java", javaTag(name)) + "\n"
               + tab("YAML", "yaml", file(name + ".yaml")) + "\n"
               + tab("XML", "xml", file(name + ".xml"))
               + "====\n";
    }

    /** The Java between the tags as one source block. */
    String javaBlock(String name) {
        String source = javaTag(name);
        return "[source,java]\n----\n" + source + "----\n";
    }

    private static String tab(String title, String language, String source) {
        return title + "::\n+\n[source," + language + "]\n----\n" + source + (source.endsWith("\n") ? "" : "\n")
               + "----\n";
    }

    private String file(String fileName) {
        Path file = routesDir.resolve(fileName);
        if (!Files.exists(file)) {
            throw new IllegalArgumentException("No route file " + file);
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
