package io.github.camelkeboola.component.consumer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * Keys for the Idempotent Consumer EIP ({@code CamelKeboolaChangeKey}). The consumer delivers duplicates only when it
 * reads rows again (after a failure or a crash); such a row has the same content, so a row's key is its table and a
 * digest of its columns and values. A row that changes gets a new key.
 */
final class ChangeKeys {

    private ChangeKeys() {
    }

    /** {@code <tableId>:<sha-256 of the row's columns and values, hex>}. */
    static String ofRow(String tableId, Map<String, String> row) {
        MessageDigest digest = sha256();
        for (Map.Entry<String, String> column : row.entrySet()) {
            update(digest, column.getKey());
            update(digest, column.getValue());
        }
        return tableId + ":" + HexFormat.of().formatHex(digest.digest());
    }

    /** {@code <tableId>@<window>} ({@link ChangeWindow#describe}): the same window read again has the same key. */
    static String ofWindow(String tableId, ChangeWindow window) {
        return tableId + "@" + window.describe();
    }

    // length-prefixed, so ("ab","c") and ("a","bc") differ; null and "" differ too
    private static void update(MessageDigest digest, String value) {
        if (value == null) {
            digest.update((byte) 0);
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        digest.update((byte) 1);
        digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
        digest.update((byte) ':');
        digest.update(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
