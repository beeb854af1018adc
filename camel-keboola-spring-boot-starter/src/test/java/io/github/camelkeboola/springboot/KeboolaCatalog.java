package io.github.camelkeboola.springboot;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Collections;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The component options as the component's catalog JSON (keboola.json, on the classpath) lists them. */
final class KeboolaCatalog {

    static final String PREFIX = "camel.component.keboola.";
    private static final ObjectMapper JSON = new ObjectMapper();

    private KeboolaCatalog() {
    }

    /** One component option; {@code json} is its entry in componentProperties. */
    record Option(String name, JsonNode json) {

        String type() {
            return json.path("type").asText();
        }

        String property() {
            return PREFIX + name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
        }

        JsonNode defaultValue() {
            return json.get("defaultValue");
        }

        List<String> enumValues() {
            List<String> values = new ArrayList<>();
            json.path("enum").forEach(v -> values.add(v.asText()));
            return values;
        }
    }

    static List<Option> componentOptions() {
        List<Option> options = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : read("META-INF/io/github/camelkeboola/component/keboola.json")
                .path("componentProperties").properties()) {
            options.add(new Option(e.getKey(), e.getValue()));
        }
        if (options.isEmpty()) {
            throw new IllegalStateException("keboola.json lists no component options");
        }
        return options;
    }

    /** The first of the classpath's resources of that name that matches. */
    static JsonNode readFirst(String resource, Predicate<JsonNode> matches) {
        try {
            for (URL url : Collections.list(KeboolaCatalog.class.getClassLoader().getResources(resource))) {
                try (InputStream in = url.openStream()) {
                    JsonNode json = JSON.readTree(in);
                    if (matches.test(json)) {
                        return json;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("No " + resource + " on the classpath matches");
    }

    static JsonNode read(String resource) {
        try (InputStream in = KeboolaCatalog.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the classpath");
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
