import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Build step of the starter (run by exec-maven-plugin in generate-sources, as a single-file Java program):
 * writes {@code KeboolaComponentConfiguration} and the additional Spring configuration metadata from the
 * component's catalog JSON, so every component option is a Spring property and none drifts. (Camel's own
 * starter generator only handles org.apache.camel artifacts.)
 * <p>
 * The properties carry no initial values: an unset property leaves the component's own default alone. The
 * defaults reach the IDE through the additional metadata instead.
 * <p>
 * Usage: {@code java -cp <component and Jackson> GenerateComponentConfiguration.java <src/generated dir>}
 */
public class GenerateComponentConfiguration {

    private static final String CATALOG = "META-INF/io/github/camelkeboola/component/keboola.json";
    private static final String PACKAGE = "io.github.camelkeboola.springboot";
    private static final String CLASS = "KeboolaComponentConfiguration";
    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        JsonNode catalog;
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(CATALOG)) {
            if (in == null) {
                throw new IllegalStateException(CATALOG + " is not on the classpath: is camel-keboola-component built?");
            }
            catalog = JSON.readTree(in);
        }
        String scheme = catalog.at("/component/scheme").asText();
        List<Option> options = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : catalog.path("componentProperties").properties()) {
            options.add(new Option(e.getKey(), e.getValue()));
        }
        write(out.resolve("java/" + PACKAGE.replace('.', '/') + "/" + CLASS + ".java"),
                javaSource(scheme, catalog.at("/component/description").asText(), options));
        write(out.resolve("resources/META-INF/additional-spring-configuration-metadata.json"),
                metadata(scheme, options));
    }

    /** One component option as the Spring property it becomes. */
    record Option(String name, JsonNode json) {

        String type() {
            String javaType = json.path("javaType").asText();
            return switch (json.path("type").asText()) {
                case "string" -> "String";
                case "boolean" -> "Boolean";
                case "integer" -> javaType.equals("long") || javaType.equals("java.lang.Long") ? "Long" : "Integer";
                case "number" -> "Double";
                case "duration" -> "java.time.Duration";
                case "enum" -> javaType.startsWith("java.lang.") ? "String" : javaType;
                case "object" -> javaType;
                default -> throw new IllegalStateException("Option " + name + " has a type the generator does not know: "
                        + json.path("type").asText());
            };
        }

        /** Object options are given as bean references ({@code #myBean}), converted by KeboolaComponentConverter. */
        boolean isBeanReference() {
            return json.path("type").asText().equals("object");
        }

        String rawType() {
            String type = type();
            int generic = type.indexOf('<');
            return generic < 0 ? type : type.substring(0, generic);
        }

        String propertyName() {
            return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
        }

        String description() {
            String text = json.path("description").asText().strip();
            if (isBeanReference()) {
                text += " The option is a " + rawType() + " type, given as a bean reference such as #myBean.";
            }
            if (json.path("secret").asBoolean()) {
                text += " A secret: use a placeholder such as ${KEBOOLA_TOKEN} rather than a value in the file.";
            }
            return text;
        }

        String capitalized() {
            return Character.toUpperCase(name.charAt(0)) + name.substring(1);
        }
    }

    private static String javaSource(String scheme, String description, List<Option> options) {
        StringBuilder s = new StringBuilder();
        s.append("/* Generated from keboola.json by src/build/GenerateComponentConfiguration.java - do not edit. */\n")
                .append("package ").append(PACKAGE).append(";\n\n")
                .append("import java.util.Set;\n\n")
                .append("import org.apache.camel.spring.boot.ComponentConfigurationPropertiesCommon;\n")
                .append("import org.springframework.boot.context.properties.ConfigurationProperties;\n\n");
        javadoc(s, "", description + "\n<p>\nEvery option of the " + scheme + " component as a Spring Boot property under"
                + " camel.component." + scheme + "; one left unset keeps the component's default.");
        s.append("@ConfigurationProperties(prefix = \"camel.component.").append(scheme).append("\")\n")
                .append("public class ").append(CLASS).append(" extends ComponentConfigurationPropertiesCommon {\n\n");
        Set<String> beanTypes = new TreeSet<>();
        options.stream().filter(Option::isBeanReference).forEach(o -> beanTypes.add(o.rawType() + ".class"));
        javadoc(s, "    ", "Types of the options given as bean references (#name or #bean:name).");
        s.append("    static final Set<Class<?>> BEAN_REFERENCE_TYPES = Set.of(")
                .append(String.join(", ", beanTypes)).append(");\n\n");
        javadoc(s, "    ", "Whether to enable auto configuration of the " + scheme + " component. This is enabled by default.");
        s.append("    private Boolean enabled;\n");
        for (Option o : options) {
            s.append('\n');
            javadoc(s, "    ", o.description());
            s.append("    private ").append(o.type()).append(' ').append(o.name()).append(";\n");
        }
        for (Option o : options) {
            s.append("\n    public ").append(o.type()).append(" get").append(o.capitalized()).append("() {\n")
                    .append("        return ").append(o.name()).append(";\n    }\n\n")
                    .append("    public void set").append(o.capitalized()).append('(').append(o.type()).append(' ')
                    .append(o.name()).append(") {\n")
                    .append("        this.").append(o.name()).append(" = ").append(o.name()).append(";\n    }\n");
        }
        return s.append("}\n").toString();
    }

    private static void javadoc(StringBuilder s, String indent, String text) {
        s.append(indent).append("/**\n");
        for (String line : wrap(text.replace("*/", "*&#47;"), 110 - indent.length())) {
            s.append(indent).append(line.isEmpty() ? " *" : " * " + line).append('\n');
        }
        s.append(indent).append(" */\n");
    }

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

    /** Defaults (as the component states them, e.g. 30s) and the values of enum options, for the IDE. */
    private static String metadata(String scheme, List<Option> options) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode properties = root.putArray("properties");
        ArrayNode hints = root.putArray("hints");
        // inherited from camel-spring-boot, whose own metadata does not describe it per component
        properties.addObject().put("name", "camel.component." + scheme + ".customizer.enabled")
                .put("description", "Whether the " + scheme + " component gets these properties applied; true by default.");
        for (Option o : options) {
            String property = "camel.component." + scheme + "." + o.propertyName();
            JsonNode defaultValue = o.json().get("defaultValue");
            if (defaultValue != null && !defaultValue.isNull()) {
                properties.addObject().put("name", property).set("defaultValue", defaultValue);
            }
            JsonNode values = o.json().get("enum");
            if (values != null && values.isArray()) {
                ArrayNode hintValues = hints.addObject().put("name", property).putArray("values");
                values.forEach(v -> hintValues.addObject().put("value", v.asText()));
            }
        }
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    }

    /** Writes only what changed, so an unchanged catalog does not make the compiler run again. */
    private static void write(Path file, String content) throws IOException {
        if (Files.exists(file) && Files.readString(file, StandardCharsets.UTF_8).equals(content)) {
            return;
        }
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
        System.out.println("[starter] wrote " + file);
    }
}
