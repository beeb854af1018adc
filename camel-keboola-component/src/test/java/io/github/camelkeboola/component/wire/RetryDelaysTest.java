package io.github.camelkeboola.component.wire;

import org.apache.hc.core5.http.message.BasicClassicHttpResponse;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class RetryDelaysTest {

    private final RetryDelays delays = new RetryDelays(100, 1_000);

    @Test
    void doublesFromTheInitialDelayWithUpToAQuarterOfJitter() {
        for (int i = 0; i < 200; i++) {
            assertThat(delays.before(1, 0)).isBetween(100L, 125L);
            assertThat(delays.before(2, 0)).isBetween(200L, 250L);
            assertThat(delays.before(3, 0)).isBetween(400L, 500L);
        }
    }

    @Test
    void neitherTheDoublingNorRetryAfterPassTheMaximum() {
        for (int retry = 1; retry < 100; retry++) {
            assertThat(delays.before(retry, 0)).isLessThanOrEqualTo(1_000L);
            assertThat(delays.before(retry, 3_600_000L)).isBetween(1_000L, 1_000L);
        }
        assertThat(delays.before(1, 300)).isBetween(300L, 375L);
    }

    @Test
    void jitterSpreadsClientsTurnedAwayAtOnce() {
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            seen.add(delays.before(3, 0));
        }
        assertThat(seen).hasSizeGreaterThan(5);
    }

    @Test
    void readsRetryAfterAsSecondsOrNothing() {
        BasicClassicHttpResponse response = new BasicClassicHttpResponse(503);
        assertThat(RetryDelays.retryAfterMillis(response)).isZero();
        response.setHeader("Retry-After", "3600");
        assertThat(RetryDelays.retryAfterMillis(response)).isEqualTo(3_600_000L);
        response.setHeader("Retry-After", "99999999999999999");
        assertThat(RetryDelays.retryAfterMillis(response)).isZero();
        response.setHeader("Retry-After", "soon");
        assertThat(RetryDelays.retryAfterMillis(response)).isZero();
    }
}
