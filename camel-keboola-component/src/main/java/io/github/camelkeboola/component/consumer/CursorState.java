package io.github.camelkeboola.component.consumer;

/**
 * The stored cursor: the next window's inclusive lower bound ({@code since}, epoch seconds on the API's clock) and the
 * table detail the last committed window was chosen from ({@code mark}; null when only a lower bound is known, then
 * the next poll exports).
 */
record CursorState(long since, TableMark mark) {
}
