package io.github.camelkeboola.tooling.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A component's catalog JSON (what camel-component-maven-plugin writes to {@code META-INF/.../<scheme>.json}), read
 * as the generators need it: the component, its options in catalog order, its headers.
 */
public record ComponentModel(String scheme, String title, String description, String syntax, String firstVersion,
                             String groupId, String artifactId, List<Option> componentOptions,
                             List<Option> endpointOptions, List<Header> headers) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Reads {@code location}: a file path, or {@code classpath:<resource>} from the thread's class loader. */
    public static ComponentModel read(String location) {
        try (InputStream in = open(location)) {
            return parse(JSON.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the component catalog " + location, e);
        }
    }

    private static InputStream open(String location) throws IOException {
        if (location.startsWith("classpath:")) {
            String resource = location.substring("classpath:".length());
            InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource);
            if (in == null) {
                throw new IOException("No " + resource + " on the class path");
            }
            return in;
        }
        return Files.newInputStream(Path.of(location));
    }

    static ComponentModel parse(JsonNode root) {
        JsonNode component = root.required("component");
        List<Header> headers = new ArrayList<>();
        root.path("headers").fields().forEachRemaining(h -> headers.add(Header.of(h.getKey(), h.getValue())));
        return new ComponentModel(component.path("scheme").asText(), component.path("title").asText(),
                component.path("description").asText(), component.path("syntax").asText(),
                component.path("firstVersion").asText(), component.path("groupId").asText(),
                component.path("artifactId").asText(), options(root.path("componentProperties")),
                options(root.path("properties")), List.copyOf(headers));
    }

    private static List<Option> options(JsonNode properties) {
        List<Option> options = new ArrayList<>();
        properties.fields().forEachRemaining((Map.Entry<String, JsonNode> p) -> options.add(Option.of(p.getKey(), p.getValue())));
        return List.copyOf(options);
    }

    /** The path parameters of the endpoint, in URI order. */
    public List<Option> pathOptions() {
        return endpointOptions.stream().filter(Option::isPath).toList();
    }

    /** The endpoint's query parameters. */
    public List<Option> queryOptions() {
        return endpointOptions.stream().filter(o -> !o.isPath()).toList();
    }

    static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return List.copyOf(values);
    }

    static String textOrNull(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? null : node.asText();
    }
}
