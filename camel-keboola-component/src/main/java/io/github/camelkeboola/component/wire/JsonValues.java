package io.github.camelkeboola.component.wire;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reading values the way the Storage API may send them (contract §0): ids as numbers or as numeric strings
 * ({@code 234} or {@code "234"}), booleans as {@code true}, {@code 1}, {@code "1"} or {@code "true"}.
 */
public final class JsonValues {

    private JsonValues() {
    }

    /** An id given as a number or as a string of digits; null when absent, null or not an integral number. */
    public static Long id(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return value.longValue();
        }
        if (value.isTextual()) {
            try {
                return Long.parseLong(value.textValue().strip());
            } catch (NumberFormatException notAnId) {
                return null;
            }
        }
        return null;
    }

    /** The {@code id} field of an object (a job, a file), as {@link #id(JsonNode)} reads it. */
    public static Long idOf(JsonNode resource) {
        return resource == null ? null : id(resource.get("id"));
    }

    /** True for {@code true}, a non-zero number, {@code "1"} or {@code "true"} (any case); false otherwise. */
    public static boolean isTrue(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return false;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isNumber()) {
            return value.doubleValue() != 0;
        }
        if (value.isTextual()) {
            String text = value.textValue().strip();
            return "1".equals(text) || "true".equalsIgnoreCase(text);
        }
        return false;
    }
}
