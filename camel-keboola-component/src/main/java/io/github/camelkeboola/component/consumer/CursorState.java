package io.github.camelkeboola.component.consumer;

/**
 * The stored cursor: the next window's inclusive lower bound ({@code since}, epoch seconds on the API's clock), the
 * table detail the last committed window was chosen from ({@code mark}; null when only a lower bound is known, then
 * the next poll exports) and whether that detail was {@code settled} when read (see {@link TableMark#settledBy}); an
 * unsettled one is exported once more when a later read shows the same detail settled.
 */
record CursorState(long since, TableMark mark, boolean settled) {

    CursorState(long since, TableMark mark) {
        this(since, mark, true);
    }
}
