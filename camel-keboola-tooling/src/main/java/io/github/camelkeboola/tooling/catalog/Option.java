package io.github.camelkeboola.tooling.catalog;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/** One option of a component or an endpoint, as the catalog JSON describes it. */
public record Option(String name, String kind, String group, List<String> labels, boolean required, String type,
                     String javaType, List<String> enums, String defaultValue, String description, boolean secret,
                     boolean deprecated, boolean multiValue, String prefix) {

    static Option of(String name, JsonNode p) {
        String label = p.path("label").asText();
        return new Option(name, p.path("kind").asText(), p.path("group").asText(),
                label.isEmpty() ? List.of() : List.of(label.split(",")), p.path("required").asBoolean(),
                p.path("type").asText(), p.path("javaType").asText(), ComponentModel.texts(p.path("enum")),
                ComponentModel.textOrNull(p.path("defaultValue")), p.path("description").asText(),
                p.path("secret").asBoolean(), p.path("deprecated").asBoolean(), p.path("multiValue").asBoolean(),
                ComponentModel.textOrNull(p.path("prefix")));
    }

    public boolean isPath() {
        return "path".equals(kind);
    }

    /** Applies to consumers only (the consumer and scheduler groups). */
    public boolean isConsumerOnly() {
        return labels.contains("consumer");
    }

    /** Applies to producers only. */
    public boolean isProducerOnly() {
        return labels.contains("producer");
    }

    public boolean isAdvanced() {
        return labels.contains("advanced");
    }

    /** The Java type without generic arguments, such as {@code org.apache.camel.spi.StateRepository}. */
    public String rawJavaType() {
        int generic = javaType.indexOf('<');
        return generic < 0 ? javaType : javaType.substring(0, generic);
    }

    /** The Java type as a reader would call it: {@code String}, {@code long}, {@code StateRepository}. */
    public String shortJavaType() {
        String raw = rawJavaType();
        return raw.substring(raw.lastIndexOf('.') + 1);
    }
}
