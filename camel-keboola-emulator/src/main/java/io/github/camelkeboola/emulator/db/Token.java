package io.github.camelkeboola.emulator.db;

import java.util.LinkedHashMap;
import java.util.Map;

/** A Storage API token: the master token or one limited to chosen buckets. */
public class Token {
    public String id;
    public String token;
    public String description;
    public boolean master;
    public long created;
    /** bucket id to {@code read}, {@code write} or {@code manage}; ignored for the master token. */
    public Map<String, String> bucketPermissions = new LinkedHashMap<>();

    /** Whether the token may act on a bucket at {@code level} ({@code read} < {@code write} < {@code manage}). */
    public boolean allows(String bucketId, String level) {
        if (master) {
            return true;
        }
        String granted = bucketPermissions.get(bucketId);
        return granted != null && rank(granted) >= rank(level);
    }

    private static int rank(String level) {
        return switch (level) {
            case "read" -> 1;
            case "write" -> 2;
            case "manage" -> 3;
            default -> 0;
        };
    }
}
