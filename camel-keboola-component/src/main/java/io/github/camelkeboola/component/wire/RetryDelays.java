package io.github.camelkeboola.component.wire;

import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpResponse;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The pauses between retries of one call: from {@code initial}, doubling, each at most {@code max}; a server's
 * {@code Retry-After} replaces the doubling but is capped by {@code max} too (a 503 asking for an hour must not hold
 * the thread for an hour per try). Up to a quarter is added at random so that many clients turned away at once do not
 * come back at once. With at most {@code maxRetries} retries, one call waits at most {@code maxRetries * max} in total.
 */
public record RetryDelays(long initialMillis, long maxMillis) {

    public RetryDelays {
        initialMillis = Math.max(1, initialMillis);
        maxMillis = Math.max(initialMillis, maxMillis);
    }

    /**
     * The pause before retry {@code retry} (1-based).
     *
     * @param retryAfterMillis what the server asked for, 0 when it did not
     */
    public long before(int retry, long retryAfterMillis) {
        long base = retryAfterMillis > 0 ? retryAfterMillis : initialMillis << Math.min(Math.max(retry - 1, 0), 30);
        base = Math.min(base, maxMillis);
        long jitter = ThreadLocalRandom.current().nextLong(base / 4 + 1);
        return Math.min(maxMillis, base + jitter);
    }

    /** {@code Retry-After} as seconds or an HTTP date; 0 when absent or unreadable (then the usual backoff applies). */
    public static long retryAfterMillis(HttpResponse response) {
        Header header = response.getFirstHeader("Retry-After");
        if (header == null || header.getValue() == null) {
            return 0;
        }
        String value = header.getValue().trim();
        try {
            return Math.max(0, Math.multiplyExact(Long.parseLong(value), 1000L));
        } catch (NumberFormatException | ArithmeticException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
                return Math.max(0, at.toInstant().toEpochMilli() - System.currentTimeMillis());
            } catch (RuntimeException unreadable) {
                return 0;
            }
        }
    }
}
