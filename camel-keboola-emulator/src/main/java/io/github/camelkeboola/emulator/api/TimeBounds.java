package io.github.camelkeboola.emulator.api;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code changedSince}/{@code changedUntil}: epoch seconds, ISO-8601 (offsets {@code +hhmm},
 * {@code +hh:mm}, {@code Z}; no offset means UTC), {@code Y-m-d H:i:s} (UTC), or a simple relative
 * expression such as {@code -2 days} or {@code -15 second}. The result is epoch seconds.
 */
final class TimeBounds {

    private static final Pattern RELATIVE = Pattern.compile(
            "([+-]?\\d+)\\s*(sec|second|min|minute|hour|day|week|month|year)s?(\\s+ago)?", Pattern.CASE_INSENSITIVE);
    private static final DateTimeFormatter OFFSET_DATE_TIME = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd['T'][' ']HH:mm[:ss][.SSSSSS][.SSS]")
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .toFormatter();

    private TimeBounds() {
    }

    static Long parse(String name, String value, Instant now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        if (v.matches("-?\\d+")) {
            return Long.parseLong(v);
        }
        Matcher m = RELATIVE.matcher(v);
        if (m.matches()) {
            long amount = Long.parseLong(m.group(1)) * (m.group(3) != null ? -1 : 1);
            ChronoUnit unit = switch (m.group(2).toLowerCase()) {
                case "sec", "second" -> ChronoUnit.SECONDS;
                case "min", "minute" -> ChronoUnit.MINUTES;
                case "hour" -> ChronoUnit.HOURS;
                case "day" -> ChronoUnit.DAYS;
                case "week" -> ChronoUnit.WEEKS;
                case "month" -> ChronoUnit.MONTHS;
                default -> ChronoUnit.YEARS;
            };
            return now.atOffset(ZoneOffset.UTC).plus(amount, unit).toEpochSecond();
        }
        if (v.equalsIgnoreCase("now")) {
            return now.getEpochSecond();
        }
        try {
            var parsed = OFFSET_DATE_TIME.parseBest(v, OffsetDateTime::from, LocalDateTime::from);
            return parsed instanceof OffsetDateTime odt ? odt.toEpochSecond()
                    : ((LocalDateTime) parsed).toEpochSecond(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
            } catch (DateTimeParseException ignored) {
                throw ApiException.validation("storage.tables.validation",
                        "Invalid " + name + " \"" + value + "\": use a unix timestamp, an ISO-8601 date or a relative time like \"-2 days\".");
            }
        }
    }
}
