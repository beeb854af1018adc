package io.github.camelkeboola.tooling.springboot;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelkeboola.tooling.catalog.ComponentModel;
import io.github.camelkeboola.tooling.catalog.Option;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The Spring Boot starter's {@code <Scheme>ComponentConfiguration} and its additional configuration metadata, from
 * the component's catalog: every component option a Spring property under {@code camel.component.<scheme>}, so none
 * drifts (Camel's own starter generator handles only org.apache.camel artifacts). The properties carry no initial
 * values, so an unset one leaves the component's default alone; the defaults reach the IDE through the metadata.
 */
public final class StarterConfigurationGenerator {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ComponentModel model;
    private final String packageName;

    public StarterConfigurationGenerator(ComponentModel model, String packageName) {
        this.model = model;
        this.packageName = packageName;
    }

    /** {@code KeboolaComponentConfiguration} for scheme {@code keboola}. */
    public String className() {
        return Character.toUpperCase(model.scheme().charAt(0)) + model.scheme().substring(1) + "ComponentConfiguration";
    }

    public String javaSource() {
        String scheme = model.scheme();
        List<Option> options = model.componentOptions();
        StringBuilder s = new StringBuilder();
        s.append("/* Generated from ").append(scheme).append(".json by camel-keboola-tooling (")
                .append(getClass().getSimpleName()).append(") - do not edit. */\n")
                .append("package ").append(packageName).append(";\n\n")
                .append("import java.util.Set;\n\n")
                .append("import org.apache.camel.spring.boot.ComponentConfigurationPropertiesCommon;\n")
                .append("import org.springframework.boot.context.properties.ConfigurationProperties;\n\n");
        javadoc(s, "", model.description() + "\n<p>\nEvery option of the " + scheme + " component as a Spring Boot property"
                + " under camel.component." + scheme + "; one left unset keeps the component's default.");
        s.append("@ConfigurationProperties(prefix = \"camel.component.").append(scheme).append("\")\n")
                .append("public class ").append(className()).append(" extends ComponentConfigurationPropertiesCommon {\n\n");
        Set<String> beanTypes = new TreeSet<>();
        options.stream().filter(StarterConfigurationGenerator::isBeanReference).forEach(o -> beanTypes.add(rawType(o) + ".class"));
        javadoc(s, "    ", "Types of the options given as bean references (#name or #bean:name).");
        s.append("    static final Set<Class<?>> BEAN_REFERENCE_TYPES = Set.of(")
                .append(String.join(", ", beanTypes)).append(");\n\n");
        javadoc(s, "    ", "Whether to enable auto configuration of the " + scheme + " component. This is enabled by default.");
        s.append("    private Boolean enabled;\n");
        for (Option o : options) {
            s.append('\n');
            javadoc(s, "    ", description(o));
            s.append("    private ").append(type(o)).append(' ').append(o.name()).append(";\n");
        }
        for (Option o : options) {
            String capitalized = Character.toUpperCase(o.name().charAt(0)) + o.name().substring(1);
            s.append("\n    public ").append(type(o)).append(" get").append(capitalized).append("() {\n")
                    .append("        return ").append(o.name()).append(";\n    }\n\n")
                    .append("    public void set").append(capitalized).append('(').append(type(o)).append(' ')
                    .append(o.name()).append(") {\n")
                    .append("        this.").append(o.name()).append(" = ").append(o.name()).append(";\n    }\n");
        }
        return s.append("}\n").toString();
    }

    /** Defaults (as the component states them, e.g. 30s) and the values of enum options, for the IDE. */
    public String metadata() {
        String scheme = model.scheme();
        ObjectNode root = JSON.createObjectNode();
        ArrayNode properties = root.putArray("properties");
        ArrayNode hints = root.putArray("hints");
        // inherited from camel-spring-boot, whose own metadata does not describe it per component
        properties.addObject().put("name", "camel.component." + scheme + ".customizer.enabled")
                .put("description", "Whether the " + scheme + " component gets these properties applied; true by default.");
        for (Option o : model.componentOptions()) {
            String property = "camel.component." + scheme + "." + o.name().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
            if (o.defaultValue() != null) {
                ObjectNode entry = properties.addObject().put("name", property);
                switch (o.type()) {
                    case "integer" -> entry.put("defaultValue", Long.parseLong(o.defaultValue()));
                    case "number" -> entry.put("defaultValue", Double.parseDouble(o.defaultValue()));
                    case "boolean" -> entry.put("defaultValue", Boolean.parseBoolean(o.defaultValue()));
                    default -> entry.put("defaultValue", o.defaultValue());
                }
            }
            if (!o.enums().isEmpty()) {
                ArrayNode values = hints.addObject().put("name", property).putArray("values");
                o.enums().forEach(v -> values.addObject().put("value", v));
            }
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Spring property's Java type: boxed, so that unset is null. */
    private static String type(Option o) {
        String javaType = o.javaType();
        return switch (o.type()) {
            case "string" -> "String";
            case "boolean" -> "Boolean";
            case "integer" -> javaType.equals("long") || javaType.equals("java.lang.Long") ? "Long" : "Integer";
            case "number" -> "Double";
            case "duration" -> "java.time.Duration";
            case "enum" -> javaType.startsWith("java.lang.") ? "String" : javaType;
            case "object" -> javaType;
            default -> throw new IllegalStateException("Option " + o.name() + " has a type the generator does not know: " + o.type());
        };
    }

    /** Object options are given as bean references ({@code #myBean}), converted by the starter's converter. */
    private static boolean isBeanReference(Option o) {
        return o.type().equals("object");
    }

    private static String rawType(Option o) {
        String type = type(o);
        int generic = type.indexOf('<');
        return generic < 0 ? type : type.substring(0, generic);
    }

    private static String description(Option o) {
        String text = o.description().strip();
        if (isBeanReference(o)) {
            text += " The option is a " + rawType(o) + " type, given as a bean reference such as #myBean.";
        }
        if (o.secret()) {
            text += " A secret: use a placeholder such as ${KEBOOLA_TOKEN} rather than a value in the file.";
        }
        return text;
    }

    private static void javadoc(StringBuilder s, String indent, String text) {
        s.append(indent).append("/**\n");
        for (String line : wrap(text.replace("*/", "*&#47;"), 110 - indent.length())) {
            s.append(indent).append(line.isEmpty() ? " *" : " * " + line).append('\n');
        }
        s.append(indent).append(" */\n");
    }

    /** Wraps each line of {@code text} (a line break in it is kept) at {@code width}. */
    private static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        for (String paragraph : text.split("\n", -1)) {
            StringBuilder line = new StringBuilder();
            for (String word : paragraph.split(" ")) {
                if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                    lines.add(line.toString());
                    line.setLength(0);
                }
                if (line.length() > 0) {
                    line.append(' ');
                }
                line.append(word);
            }
            lines.add(line.toString());
        }
        return lines;
    }
}
