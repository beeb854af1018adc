package io.github.camelkeboola.tooling.docs;

import io.github.camelkeboola.tooling.catalog.ComponentModel;

import java.nio.file.Path;

/**
 * The generated regions of a component guide: {@code component options} (the option and header tables from the
 * catalog), {@code example <name>} (a route in Java, YAML and XML DSL from the files the tests run) and
 * {@code java <name>} (a tagged part of the Java examples).
 */
public final class ComponentGuide {

    private static final String OPTIONS = "component options";
    private static final String EXAMPLE = "example ";
    private static final String JAVA = "java ";

    private final ComponentModel model;
    private final RouteExamples examples;

    public ComponentGuide(ComponentModel model, Path javaExamples, Path routesDir) {
        this.model = model;
        this.examples = new RouteExamples(javaExamples, routesDir);
    }

    /** {@code guide} with its generated regions filled anew; an unknown region fails. */
    public String fill(String guide) {
        if (!MarkedRegions.names(guide).contains(OPTIONS)) {
            throw new IllegalArgumentException("The guide has no '// " + OPTIONS + ": START' marker");
        }
        return MarkedRegions.fill(guide, region -> {
            if (region.equals(OPTIONS)) {
                return OptionTables.render(model);
            }
            if (region.startsWith(EXAMPLE)) {
                return examples.tabs(region.substring(EXAMPLE.length()));
            }
            if (region.startsWith(JAVA)) {
                return examples.javaBlock(region.substring(JAVA.length()));
            }
            throw new IllegalArgumentException("Unknown generated region '" + region + "'");
        });
    }
}
