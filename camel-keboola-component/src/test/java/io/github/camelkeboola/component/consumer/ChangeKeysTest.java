package io.github.camelkeboola.component.consumer;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChangeKeysTest {

    @Test
    void sameRowContentSameKeyAndAnyChangeANewOne() {
        String key = ChangeKeys.ofRow("in.c-main.orders", row("1", "new"));
        assertEquals(key, ChangeKeys.ofRow("in.c-main.orders", row("1", "new")));
        assertTrue(key.startsWith("in.c-main.orders:"));
        assertNotEquals(key, ChangeKeys.ofRow("in.c-main.orders", row("1", "paid")));
        assertNotEquals(key, ChangeKeys.ofRow("in.c-main.other", row("1", "new")));
        assertNotEquals(ChangeKeys.ofRow("t", row("ab", "c")), ChangeKeys.ofRow("t", row("a", "bc")));
    }

    @Test
    void windowKeyNamesTableAndBounds() {
        TableMark mark = new TableMark(19L, 20L, 5);
        assertEquals("in.c-main.orders@10-19/20/5", ChangeKeys.ofWindow("in.c-main.orders", new ChangeWindow(10L, mark)));
        assertEquals("in.c-main.orders@-19/20/5", ChangeKeys.ofWindow("in.c-main.orders", new ChangeWindow(null, mark)));
    }

    @Test
    void headerOnlyCsvHasNoDataRows() throws Exception {
        assertNull(KeboolaConsumer.withDataRows(csv("\"id\",\"status\"\n")));
        assertNull(KeboolaConsumer.withDataRows(csv("")));
        InputStream body = KeboolaConsumer.withDataRows(csv("\"id\",\"status\"\n\"1\",\"new\"\n"));
        assertEquals("\"id\",\"status\"\n\"1\",\"new\"\n", new String(body.readAllBytes(), StandardCharsets.UTF_8));
    }

    private static InputStream csv(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, String> row(String id, String status) {
        Map<String, String> row = new LinkedHashMap<>();
        row.put("id", id);
        row.put("status", status);
        return row;
    }
}
