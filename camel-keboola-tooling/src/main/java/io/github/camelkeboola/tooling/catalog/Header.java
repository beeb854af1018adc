package io.github.camelkeboola.tooling.catalog;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/** One message header of a component, as the catalog JSON describes it. */
public record Header(String name, String group, String javaType, List<String> enums, String defaultValue,
                     String description, String constantName) {

    static Header of(String name, JsonNode h) {
        return new Header(name, h.path("group").asText(), h.path("javaType").asText(),
                ComponentModel.texts(h.path("enum")), ComponentModel.textOrNull(h.path("defaultValue")),
                h.path("description").asText(), h.path("constantName").asText());
    }

    /** The constant as Java code names it: {@code KeboolaConstants.OPERATION} for {@code ...KeboolaConstants#OPERATION}. */
    public String constantReference() {
        String type = constantName.substring(0, constantName.indexOf('#'));
        return type.substring(type.lastIndexOf('.') + 1) + "." + constantName.substring(constantName.indexOf('#') + 1);
    }

    /** The type's simple name: {@code KeboolaOperation} for {@code io.github...KeboolaOperation}. */
    public String shortJavaType() {
        return javaType.substring(javaType.lastIndexOf('.') + 1);
    }
}
