package io.github.camelkeboola.emulator.storage;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every credential a file storage handed out: S3 keys and session tokens, presigned URL signatures, Azure SAS
 * signatures, GCS access tokens, signed URL signatures and resumable session ids. Tests of a client assert that none
 * of these values reaches a log or a message, which cannot pass vacuously since these are the values that were issued.
 */
public final class IssuedCredentials {

    private final Set<String> values = ConcurrentHashMap.newKeySet();

    /** The issued values, each also in its URL-encoded form (how it travels in a query). */
    public Set<String> values() {
        return Set.copyOf(values);
    }

    void add(String value) {
        if (value != null && !value.isEmpty()) {
            values.add(value);
            values.add(URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
    }

    /** Records the (decoded) values of the named parameters of a query string. */
    void addFromQuery(String query, String... names) {
        for (String pair : query.substring(query.indexOf('?') + 1).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                String name = pair.substring(0, eq);
                for (String wanted : names) {
                    if (wanted.equals(name)) {
                        add(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                    }
                }
            }
        }
    }
}
