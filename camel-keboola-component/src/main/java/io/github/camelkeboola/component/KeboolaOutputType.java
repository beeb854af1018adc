package io.github.camelkeboola.component;

/** How exported rows reach the route. */
public enum KeboolaOutputType {
    /** An {@link java.io.InputStream} of RFC-4180 CSV with a header row, streamed as it downloads. */
    stream,
    /** A lazily read {@link java.util.Iterator} of {@code Map<String,String>} rows (producer), one exchange per row (consumer). */
    rows
}
