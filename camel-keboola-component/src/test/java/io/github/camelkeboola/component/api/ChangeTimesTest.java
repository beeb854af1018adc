package io.github.camelkeboola.component.api;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Date;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChangeTimesTest {

    private static final Instant NOW = Instant.parse("2024-03-31T12:00:00Z");

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "1360138863                 | 1360138863",
            "+1360138863                | 1360138863",
            "2013-02-12T15:19:21+00:00  | 1360682361",
            "2013-02-12T15:19:21Z       | 1360682361",
            "2013-02-12T16:19:21+0100   | 1360682361",
            "2013-02-12T16:19:21+01     | 1360682361",
            "2013-02-12T15:19:21.999Z   | 1360682361",
            "2013-02-12T15:19:21        | 1360682361",
            "2013-02-12 15:19:21        | 1360682361",
            "2013-02-12                 | 1360627200",
            "now                        | 1711886400",
            "-2 days                    | 1711713600",
            "-15 seconds                | 1711886385",
            "-15 second                 | 1711886385",
            "-1 hour                    | 1711882800",
            "-30 min                    | 1711884600",
            "3 hours ago                | 1711875600",
            "+1 day                     | 1711972800",
            "-1 month                   | 1709208000",
            "-1 week                    | 1711281600",
    })
    void readsTextForms(String text, long expected) {
        assertThat(ChangeTimes.toEpochSeconds(text, NOW)).isEqualTo(expected);
    }

    @Test
    void readsObjects() {
        assertThat(ChangeTimes.toEpochSeconds(Instant.ofEpochSecond(1_700_000_000L, 500_000_000), NOW)).isEqualTo(1_700_000_000L);
        assertThat(ChangeTimes.toEpochSeconds(new Date(1_700_000_000_999L), NOW)).isEqualTo(1_700_000_000L);
        assertThat(ChangeTimes.toEpochSeconds(1_700_000_000L, NOW)).isEqualTo(1_700_000_000L);
        assertThat(ChangeTimes.toEpochSeconds(1_700_000_000, NOW)).isEqualTo(1_700_000_000L);
        assertThat(ChangeTimes.toEpochSeconds(OffsetDateTime.parse("2013-02-12T16:19:21+01:00"), NOW)).isEqualTo(1360682361L);
    }

    @Test
    void nullAndBlankMeanNoBound() {
        assertThat(ChangeTimes.toEpochSeconds(null, NOW)).isNull();
        assertThat(ChangeTimes.toEpochSeconds("  ", NOW)).isNull();
    }

    @Test
    void rejectsWhatItCannotRead() {
        assertThatThrownBy(() -> ChangeTimes.toEpochSeconds("yesterday-ish", NOW))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("yesterday-ish");
        assertThatThrownBy(() -> ChangeTimes.toEpochSeconds("-2 fortnights", NOW))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-2 fortnights");
        assertThatThrownBy(() -> ChangeTimes.toEpochSeconds(new Object(), NOW))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("java.lang.Object");
    }
}
