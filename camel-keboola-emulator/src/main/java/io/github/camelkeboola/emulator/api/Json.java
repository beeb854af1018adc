package io.github.camelkeboola.emulator.api;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The one JSON mapper of the emulator and the API's date format. */
public final class Json {

    public static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** The API's datetime format: ISO-8601 with a colon-less offset, e.g. {@code 2017-02-13T12:51:48+0000}. */
    private static final DateTimeFormatter API_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxx").withZone(ZoneOffset.UTC);
    /** Credential expirations use an offset with a colon. */
    private static final DateTimeFormatter COLON_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx").withZone(ZoneOffset.UTC);

    private Json() {
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    /** Formats epoch seconds as the API does, {@code null} stays {@code null}. */
    public static String time(Long epochSeconds) {
        return epochSeconds == null ? null : API_TIME.format(Instant.ofEpochSecond(epochSeconds));
    }

    public static String colonTime(Instant instant) {
        return COLON_TIME.format(instant);
    }
}
