package io.github.camelkeboola.component;

/** How exported rows reach the route. */
public enum KeboolaOutputType {
    /** An {@link java.io.InputStream} of RFC-4180 CSV with a header row, streamed as it downloads. */
    stream,
    /** A lazily read {@link java.util.Iterator} of {@code Map<String,String>} rows (producer), one exchange per row (consumer). */
    rows,
    /** The CSV written to a file in {@code outputDirectory}; the body is that {@link java.io.File}. */
    file
}
