package io.github.camelkeboola.component.api;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAccessor;
import java.util.Date;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the change-time bounds ({@code changedSince}, {@code changedUntil}) users give in any common form and turns
 * them into the epoch seconds the Storage API expects. The API's bounds have second granularity, so fractions of a
 * second are dropped.
 */
public final class ChangeTimes {

    private static final Pattern EPOCH = Pattern.compile("[+-]?\\d+");
    private static final Pattern RELATIVE = Pattern.compile("([+-]?)\\s*(\\d+)\\s*([a-z]+?)s?(\\s+ago)?");
    private static final Map<String, ChronoUnit> UNITS = Map.ofEntries(
            Map.entry("sec", ChronoUnit.SECONDS), Map.entry("second", ChronoUnit.SECONDS),
            Map.entry("min", ChronoUnit.MINUTES), Map.entry("minute", ChronoUnit.MINUTES),
            Map.entry("hour", ChronoUnit.HOURS), Map.entry("day", ChronoUnit.DAYS), Map.entry("week", ChronoUnit.WEEKS),
            Map.entry("month", ChronoUnit.MONTHS), Map.entry("year", ChronoUnit.YEARS));

    // ISO-8601 date-time; the offset may be Z, +hh:mm, +hhmm or +hh (Keboola writes +0100), or absent (then UTC)
    private static final DateTimeFormatter ISO = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .append(DateTimeFormatter.ISO_LOCAL_TIME)
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HH", "Z").optionalEnd()
            .toFormatter(Locale.ROOT);

    private ChangeTimes() {
    }

    /**
     * Epoch seconds of {@code value}, or {@code null} when it is null or blank. Accepts epoch seconds (a number or its
     * text), an {@link Instant}, {@link Date} or other date-time with an offset, ISO-8601 text (a date alone means
     * midnight UTC; no offset means UTC), {@code now}, and relative text such as {@code -2 days}, {@code -15 seconds},
     * {@code 3 hours ago} (seconds, minutes, hours, days, weeks, months, years), counted from {@code now}.
     *
     * @throws IllegalArgumentException naming the value when it is none of these
     */
    public static Long toEpochSeconds(Object value, Instant now) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant instant) {
            return instant.getEpochSecond();
        }
        if (value instanceof Date date) {
            return Math.floorDiv(date.getTime(), 1000L);
        }
        if (value instanceof Number number) {
            return number.longValue();
        }
        if (value instanceof TemporalAccessor temporal && temporal.isSupported(ChronoField.INSTANT_SECONDS)) {
            return temporal.getLong(ChronoField.INSTANT_SECONDS);
        }
        if (!(value instanceof CharSequence)) {
            throw new IllegalArgumentException("Cannot read a change time from a " + value.getClass().getName()
                                               + ": use epoch seconds, ISO-8601, a relative time such as -2 days, or an Instant");
        }
        String text = value.toString().trim();
        if (text.isEmpty()) {
            return null;
        }
        if (EPOCH.matcher(text).matches()) {
            return Long.parseLong(text.startsWith("+") ? text.substring(1) : text);
        }
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.equals("now")) {
            return now.getEpochSecond();
        }
        Matcher relative = RELATIVE.matcher(lower);
        if (relative.matches() && UNITS.containsKey(relative.group(3))) {
            long amount = Long.parseLong(relative.group(2));
            boolean past = "-".equals(relative.group(1)) || relative.group(4) != null;
            ChronoUnit unit = UNITS.get(relative.group(3));
            // months and years are calendar units: apply them on the UTC calendar
            OffsetDateTime base = now.atOffset(ZoneOffset.UTC);
            return (past ? base.minus(amount, unit) : base.plus(amount, unit)).toEpochSecond();
        }
        try {
            TemporalAccessor parsed = ISO.parseBest(text, OffsetDateTime::from, LocalDateTime::from);
            if (parsed instanceof OffsetDateTime offsetDateTime) {
                return offsetDateTime.toEpochSecond();
            }
            return ((LocalDateTime) parsed).toEpochSecond(ZoneOffset.UTC);
        } catch (DateTimeParseException notDateTime) {
            try {
                return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
            } catch (DateTimeParseException notDate) {
                throw new IllegalArgumentException("Cannot read the change time '" + text
                                                   + "': use epoch seconds, ISO-8601 (2024-05-01T10:00:00+02:00) or a relative"
                                                   + " time such as -2 days");
            }
        }
    }
}
