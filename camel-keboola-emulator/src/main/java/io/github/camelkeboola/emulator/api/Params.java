package io.github.camelkeboola.emulator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Request parameters from the query string and the body (JSON or form-urlencoded), as one JSON tree.
 * Form and query values follow PHP's bracket syntax ({@code a[]=x}, {@code a[0][b]=y}), so both
 * encodings read the same way.
 */
public final class Params {

    private final ObjectNode node;
    private final boolean json;

    public Params(ObjectNode node, boolean json) {
        this.node = node;
        this.json = json;
    }

    /** Whether the body was JSON (the deprecated sync table calls accept only forms). */
    public boolean json() {
        return json;
    }

    /** Adds every {@code name=value} of an urlencoded string to {@code into}, PHP-style. */
    public static void parseUrlEncoded(String encoded, ObjectNode into) {
        if (encoded == null || encoded.isEmpty()) {
            return;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            put(into, name, value);
        }
        normalize(into);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static void put(ObjectNode root, String name, String value) {
        List<String> path = new ArrayList<>();
        int bracket = name.indexOf('[');
        if (bracket <= 0 || !name.endsWith("]")) {
            root.put(name, value);
            return;
        }
        path.add(name.substring(0, bracket));
        for (String part : name.substring(bracket + 1, name.length() - 1).split("\\]\\[", -1)) {
            path.add(part);
        }
        JsonNode current = root;
        for (int i = 0; i < path.size(); i++) {
            String key = path.get(i);
            boolean last = i == path.size() - 1;
            String nextKey = last ? null : path.get(i + 1);
            if (current instanceof ArrayNode array) {
                // "[]" appends; anything else on an array cannot happen because "[]" makes the array.
                if (last) {
                    array.add(value);
                    return;
                }
                JsonNode child = nextKey.isEmpty() ? array.addArray() : array.addObject();
                current = child;
                continue;
            }
            ObjectNode object = (ObjectNode) current;
            if (last) {
                object.put(key, value);
                return;
            }
            JsonNode child = object.get(key);
            if (child == null || !child.isContainerNode()) {
                child = nextKey.isEmpty() ? object.putArray(key) : object.putObject(key);
            }
            current = child;
        }
    }

    /** Turns objects whose keys are all numbers ({@code a[0]=..&a[1]=..}) into arrays. */
    private static JsonNode normalize(JsonNode node) {
        if (node instanceof ObjectNode object) {
            boolean numeric = object.size() > 0;
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                e.setValue(normalize(e.getValue()));
                numeric &= e.getKey().matches("\\d+");
            }
            if (numeric) {
                ArrayNode array = Json.array();
                object.properties().stream()
                        .sorted((a, b) -> Long.compare(Long.parseLong(a.getKey()), Long.parseLong(b.getKey())))
                        .forEach(e -> array.add(e.getValue()));
                return array;
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, normalize(array.get(i)));
            }
        }
        return node;
    }

    public boolean has(String name) {
        JsonNode value = node.get(name);
        return value != null && !value.isNull();
    }

    public JsonNode get(String name) {
        return node.get(name);
    }

    /** A scalar parameter as text, or {@code null}. */
    public String string(String name) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() || value.isContainerNode() ? null : value.asText();
    }

    public String string(String name, String fallback) {
        String value = string(name);
        return value == null ? fallback : value;
    }

    /** Booleans arrive as {@code true/false}, {@code 1/0}, {@code "1"/"0"}, {@code "true"/"false"}. */
    public boolean bool(String name, boolean fallback) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isNumber()) {
            return value.asLong() != 0;
        }
        String text = value.asText().trim().toLowerCase();
        if (text.isEmpty()) {
            return fallback;
        }
        return switch (text) {
            case "1", "true", "yes", "on" -> true;
            case "0", "false", "no", "off" -> false;
            default -> throw ApiException.validation("storage.validation",
                    "Invalid request:\n - " + name + ": \"This value should be of type bool.\"");
        };
    }

    /** An integer parameter, or {@code null}; text that is no integer is a validation error. */
    public Long integer(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull() || value.asText().isEmpty()) {
            return null;
        }
        if (value.isIntegralNumber()) {
            return value.asLong();
        }
        try {
            return Long.parseLong(value.asText().trim());
        } catch (NumberFormatException e) {
            throw ApiException.validation("storage.validation",
                    "Invalid request:\n - " + name + ": \"This value should be of type int.\"");
        }
    }

    /** Values given as an array, or one scalar taken whole (values may contain commas). */
    public List<String> values(String name) {
        JsonNode value = node.get(name);
        List<String> out = new ArrayList<>();
        if (value == null || value.isNull()) {
            return out;
        }
        if (value.isArray()) {
            value.forEach(v -> out.add(v.asText()));
        } else {
            out.add(value.asText());
        }
        return out;
    }

    /** A list given as an array ({@code a[]=x}, JSON array) or as a comma-separated string. */
    public List<String> list(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull() || value.isArray()) {
            return values(name);
        }
        List<String> out = new ArrayList<>();
        for (String part : value.asText().split(",")) {
            if (!part.trim().isEmpty()) {
                out.add(part.trim());
            }
        }
        return out;
    }
}
