package io.github.camelkeboola.emulator.storage;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MultipartRelatedTest {

    @Test
    void mediaThatLooksLikeTheStartOfTheBoundaryIsKept() throws Exception {
        String media = "a\r\n--b\r\n--boundar\r\r\n--x";
        String body = "--boundary\r\nContent-Type: application/json; charset=UTF-8\r\n\r\n{\"name\":\"k\"}\r\n"
                + "--boundary\r\nContent-Type: text/csv\r\n\r\n" + media + "\r\n--boundary--\r\n";
        MultipartRelated parts = MultipartRelated.of("multipart/related; boundary=\"boundary\"",
                new ByteArrayInputStream(body.getBytes(StandardCharsets.ISO_8859_1)));
        assertEquals("{\"name\":\"k\"}", new String(parts.metadata(), StandardCharsets.UTF_8));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        parts.media(out);
        assertEquals(media, out.toString(StandardCharsets.ISO_8859_1));
    }
}
