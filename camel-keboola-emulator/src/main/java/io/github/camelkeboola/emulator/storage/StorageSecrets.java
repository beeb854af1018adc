package io.github.camelkeboola.emulator.storage;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Random credentials and the timestamp format the Storage API uses for their expiry. */
final class StorageSecrets {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String UPPER_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final DateTimeFormatter COMPACT_EXPIRATION = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxx").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter EXPIRATION = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx").withZone(ZoneOffset.UTC);

    private StorageSecrets() {
    }

    static String upper(int length) {
        return pick(UPPER_DIGITS, length);
    }

    static String alnum(int length) {
        return pick(ALNUM, length);
    }

    static byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /** {@code 2017-02-14T21:34:46+00:00}. */
    static String expiration(Instant instant) {
        return EXPIRATION.format(instant);
    }

    /** {@code 2022-11-10T05:55:44+0000}, the form of {@code absCredentials.expiration}. */
    static String compactExpiration(Instant instant) {
        return COMPACT_EXPIRATION.format(instant);
    }

    private static String pick(String alphabet, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return out.toString();
    }
}
