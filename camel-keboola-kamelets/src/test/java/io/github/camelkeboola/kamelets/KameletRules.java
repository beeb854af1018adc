package io.github.camelkeboola.kamelets;

import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The rules apache/camel-kamelets checks its catalog with (its Go validator, {@code script/validator/validator.go}),
 * restated for this catalog: file and Kamelet names, the type label, titles and descriptions, password credentials,
 * annotations, duplicates, dependencies, and properties declared versus used. Where the validator asks for what only
 * fits the Apache catalog (provider "Apache Software Foundation"), the rule asks for a provider; where it cannot see
 * (which dependency a {@code keboola:} endpoint needs, options unknown to the component) the rules go further.
 */
final class KameletRules {

    static final String CREDENTIALS_DESCRIPTOR = "urn:camel:group:credentials";
    private static final String SUFFIX = ".kamelet.yaml";
    private static final Set<String> TYPES = Set.of("source", "sink", "action");
    // {{name}}, {{?name}} and {{name:default}}, as the validator reads placeholders
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\??([A-Za-z0-9._-]+)(?::[^}]*)?}}");
    // words a title leaves in lower case (the validator drops English stop words before its capitalisation check)
    private static final Set<String> STOP_WORDS = Set.of("a", "an", "and", "as", "at", "by", "for", "from", "in", "of",
            "on", "or", "per", "the", "to", "with");
    private static final Set<String> URI_KEYS = Set.of("uri", "to", "toD", "from");

    /** One Kamelet file, parsed. */
    record Kamelet(String fileName, Map<String, Object> yaml) {

        String name() {
            return string(map(yaml, "metadata"), "name");
        }

        Map<String, Object> spec() {
            return map(yaml, "spec");
        }

        Map<String, Object> definition() {
            return map(spec(), "definition");
        }

        Map<String, Object> properties() {
            return map(definition(), "properties");
        }

        Object template() {
            return spec().get("template");
        }
    }

    /** What a Kamelet's template may use, and the dependency each needs. */
    record Dependencies(Map<String, String> ofScheme, Map<String, String> ofDataFormat,
                        Function<String, Set<String>> optionsOfScheme) {
    }

    private KameletRules() {
    }

    static List<Kamelet> load(Path dir) throws IOException {
        List<Kamelet> kamelets = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).sorted().toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> yaml = (Map<String, Object>) new Load(LoadSettings.builder().build())
                            .loadFromInputStream(in);
                    kamelets.add(new Kamelet(file.getFileName().toString(), yaml));
                }
            }
        }
        return kamelets;
    }

    /** Every rule over the whole catalog; each violation is one message naming the Kamelet (and property). */
    static List<String> check(List<Kamelet> kamelets, String catalogVersion, Dependencies dependencies) {
        List<String> errors = new ArrayList<>();
        if (kamelets.isEmpty()) {
            errors.add("the catalog has no Kamelets");
        }
        for (Kamelet k : kamelets) {
            fileName(k, errors);
            type(k, errors);
            definition(k, errors);
            credentials(k, errors);
            annotations(k, catalogVersion, errors);
            dependencies(k, dependencies, errors);
            placeholders(k, errors);
        }
        duplicates(kamelets, errors);
        return errors;
    }

    private static void fileName(Kamelet k, List<String> errors) {
        if (!k.fileName().equals(k.name() + SUFFIX)) {
            errors.add("file " + k.fileName() + " does not match the name of its Kamelet " + k.name());
        }
    }

    private static void type(Kamelet k, List<String> errors) {
        String type = string(map(map(k.yaml(), "metadata"), "labels"), "camel.apache.org/kamelet.type");
        if (!TYPES.contains(type)) {
            errors.add("Kamelet " + k.name() + " has an invalid camel.apache.org/kamelet.type label: " + type);
        } else if (!k.name().endsWith("-" + type)) {
            errors.add("the name of Kamelet " + k.name() + " does not end with -" + type);
        }
    }

    private static void definition(Kamelet k, List<String> errors) {
        Map<String, Object> definition = k.definition();
        if (definition.isEmpty()) {
            errors.add("Kamelet " + k.name() + " has no definition");
            return;
        }
        if (k.template() == null) {
            errors.add("Kamelet " + k.name() + " has no template");
        }
        if (!"object".equals(definition.get("type"))) {
            errors.add("the definition of Kamelet " + k.name() + " is not of type object");
        }
        String title = string(definition, "title");
        String type = string(map(map(k.yaml(), "metadata"), "labels"), "camel.apache.org/kamelet.type");
        if (title.isEmpty()) {
            errors.add("Kamelet " + k.name() + " has no title");
        } else if (type.length() > 1 && !title.endsWith(type.substring(0, 1).toUpperCase(Locale.ROOT) + type.substring(1))) {
            errors.add("the title of Kamelet " + k.name() + " (" + title + ") does not end with its type");
        }
        if (string(definition, "description").isEmpty()) {
            errors.add("Kamelet " + k.name() + " has no description");
        }
        Set<String> required = new LinkedHashSet<>();
        for (Object name : list(definition, "required")) {
            if (!required.add(String.valueOf(name))) {
                errors.add("required property " + name + " is listed twice in Kamelet " + k.name());
            }
            if (!k.properties().containsKey(String.valueOf(name))) {
                errors.add("required property " + name + " of Kamelet " + k.name() + " is not defined");
            }
        }
        k.properties().forEach((name, value) -> property(k, name, map(k.properties(), name), errors));
    }

    private static void property(Kamelet k, String name, Map<String, Object> property, List<String> errors) {
        String where = "property " + name + " of Kamelet " + k.name();
        if (string(property, "type").isEmpty()) {
            errors.add(where + " has no type");
        }
        if (string(property, "description").isEmpty()) {
            errors.add(where + " has no description");
        }
        String title = string(property, "title");
        if (title.isEmpty()) {
            errors.add(where + " has no title");
            return;
        }
        for (String article : List.of("The ", "A ", "An ")) {
            if (title.startsWith(article)) {
                errors.add(where + " has a title starting with \"" + article.trim() + "\"");
            }
        }
        for (String word : title.split(" ")) {
            if (!word.isEmpty() && !STOP_WORDS.contains(word.toLowerCase(Locale.ROOT))
                && !Character.isUpperCase(word.codePointAt(0)) && Character.isLetter(word.codePointAt(0))) {
                errors.add(where + " has a word in its title that is not capitalized: " + word);
            }
        }
    }

    private static void credentials(Kamelet k, List<String> errors) {
        k.properties().forEach((name, value) -> {
            Map<String, Object> property = map(k.properties(), name);
            if ("password".equals(property.get("format")) && !list(property, "x-descriptors").contains(CREDENTIALS_DESCRIPTOR)) {
                errors.add("property " + name + " of Kamelet " + k.name() + " has the password format but not the "
                           + CREDENTIALS_DESCRIPTOR + " descriptor");
            }
        });
    }

    private static void annotations(Kamelet k, String catalogVersion, List<String> errors) {
        Map<String, Object> annotations = map(map(k.yaml(), "metadata"), "annotations");
        if (!string(annotations, "camel.apache.org/kamelet.icon").startsWith("data:image/")) {
            errors.add("Kamelet " + k.name() + " has no camel.apache.org/kamelet.icon annotation (a data: URI)");
        }
        if (!catalogVersion.equals(string(annotations, "camel.apache.org/catalog.version"))) {
            errors.add("the camel.apache.org/catalog.version annotation of Kamelet " + k.name() + " is not "
                       + catalogVersion + ": " + annotations.get("camel.apache.org/catalog.version"));
        }
        if (string(annotations, "camel.apache.org/provider").isEmpty()) {
            errors.add("Kamelet " + k.name() + " has no camel.apache.org/provider annotation");
        }
    }

    private static void duplicates(List<Kamelet> kamelets, List<String> errors) {
        Map<String, String> titles = new HashMap<>();
        Map<String, String> descriptions = new HashMap<>();
        for (Kamelet k : kamelets) {
            String other = titles.putIfAbsent(string(k.definition(), "title"), k.name());
            if (other != null) {
                errors.add("Kamelet " + k.name() + " has the same title as " + other);
            }
            other = descriptions.putIfAbsent(string(k.definition(), "description"), k.name());
            if (other != null) {
                errors.add("Kamelet " + k.name() + " has the same description as " + other);
            }
        }
    }

    /** Each endpoint, data format and bean class of the template needs a listed dependency; endpoint options must exist. */
    private static void dependencies(Kamelet k, Dependencies known, List<String> errors) {
        List<Object> declared = list(k.spec(), "dependencies");
        Set<String> needed = new LinkedHashSet<>();
        walk(k.template(), (key, value, parent) -> {
            if (URI_KEYS.contains(key) && value instanceof String uri && uri.contains(":")) {
                String scheme = uri.substring(0, uri.indexOf(':'));
                String dependency = known.ofScheme().get(scheme);
                if (dependency == null) {
                    errors.add("Kamelet " + k.name() + " uses " + scheme + ": whose dependency is not known to these rules");
                } else {
                    needed.add(dependency);
                }
                Set<String> options = known.optionsOfScheme().apply(scheme);
                for (String option : map(parent, "parameters").keySet()) {
                    if (options != null && !options.contains(option)) {
                        errors.add("Kamelet " + k.name() + " sets " + option + ", which is not an option of " + scheme + ":");
                    }
                }
            }
            if ((key.equals("marshal") || key.equals("unmarshal")) && value instanceof Map<?, ?> format) {
                for (Object name : format.keySet()) {
                    String dependency = known.ofDataFormat().get(String.valueOf(name));
                    if (dependency == null) {
                        errors.add("Kamelet " + k.name() + " uses the data format " + name + " whose dependency is not known");
                    } else {
                        needed.add(dependency);
                    }
                }
            }
        });
        for (Object bean : list(asMap(k.template()), "beans")) {
            String type = string(asMap(bean), "type");
            try {
                Class.forName(type.replaceFirst("^#class:", ""));
            } catch (ClassNotFoundException e) {
                errors.add("bean " + asMap(bean).get("name") + " of Kamelet " + k.name() + " has an unknown type " + type);
            }
        }
        for (String dependency : needed) {
            if (!declared.contains(dependency)) {
                errors.add("Kamelet " + k.name() + " needs the dependency " + dependency);
            }
        }
    }

    /** Each placeholder of the template is a declared property or template bean, and each property is used. */
    private static void placeholders(Kamelet k, List<String> errors) {
        Set<String> used = new LinkedHashSet<>();
        walk(k.template(), (key, value, parent) -> {
            if (value instanceof String text) {
                Matcher m = PLACEHOLDER.matcher(text);
                while (m.find()) {
                    used.add(m.group(1));
                }
            }
        });
        Set<String> declared = new LinkedHashSet<>(k.properties().keySet());
        for (Object bean : list(asMap(k.template()), "beans")) {
            declared.add(string(asMap(bean), "name"));
        }
        for (String name : used) {
            if (!declared.contains(name)) {
                errors.add("parameter " + name + " is not declared in the definition of Kamelet " + k.name());
            }
        }
        for (String name : declared) {
            if (!used.contains(name)) {
                errors.add("parameter " + name + " is declared in Kamelet " + k.name() + " but never used");
            }
        }
    }

    private interface Visitor {
        void visit(String key, Object value, Map<String, Object> parent);
    }

    private static void walk(Object node, Visitor visitor) {
        if (node instanceof Map<?, ?> m) {
            Map<String, Object> parent = asMap(m);
            // keys are not always strings (a bean's constructors are numbered)
            m.forEach((key, value) -> {
                visitor.visit(String.valueOf(key), value, parent);
                walk(value, visitor);
            });
        } else if (node instanceof List<?> l) {
            l.forEach(item -> {
                if (!(item instanceof Map<?, ?> || item instanceof List<?>)) {
                    visitor.visit("", item, Map.of());
                }
                walk(item, visitor);
            });
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        return asMap(parent.get(key));
    }

    private static List<Object> list(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        return value instanceof List<?> l ? new ArrayList<>(l) : List.of();
    }

    private static String string(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        return value == null ? "" : String.valueOf(value);
    }
}
