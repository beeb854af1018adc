package io.github.camelkeboola.tooling.docs;

import io.github.camelkeboola.tooling.catalog.ComponentModel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The generated regions of the component's docs pages: {@code component options} (the option and header tables
 * from the catalog), {@code example <name>} (a route in Java, YAML and XML DSL from the files the tests run),
 * {@code java <tag>} (a tagged part of the Java examples) and {@code file <path>} (a test resource).
 */
public final class ComponentDocs {

    private static final String OPTIONS = "component options";
    private static final String EXAMPLE = "example ";
    private static final String JAVA = "java ";
    private static final String FILE = "file ";

    private final ComponentModel model;
    private final RouteExamples examples;

    public ComponentDocs(ComponentModel model, Path javaExamples, Path testResources) {
        this.model = model;
        this.examples = new RouteExamples(javaExamples, testResources);
    }

    /** The AsciiDoc pages under {@code docsDir}, in a stable order. */
    public static List<Path> pages(Path docsDir) {
        try (Stream<Path> files = Files.walk(docsDir)) {
            return files.filter(f -> f.toString().endsWith(".adoc")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + docsDir, e);
        }
    }

    /** {@code page} with its generated regions filled anew; an unknown region fails. */
    public String fill(String page) {
        return MarkedRegions.fill(page, region -> {
            if (region.equals(OPTIONS)) {
                return OptionTables.render(model);
            }
            if (region.startsWith(EXAMPLE)) {
                return examples.tabs(region.substring(EXAMPLE.length()));
            }
            if (region.startsWith(JAVA)) {
                return examples.javaBlock(region.substring(JAVA.length()));
            }
            if (region.startsWith(FILE)) {
                return examples.fileBlock(region.substring(FILE.length()));
            }
            throw new IllegalArgumentException("Unknown generated region '" + region + "'");
        });
    }
}
