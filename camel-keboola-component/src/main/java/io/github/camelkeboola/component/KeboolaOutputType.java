package io.github.camelkeboola.component;

/** How exported rows reach the route. */
public enum KeboolaOutputType {
    /** An {@link java.io.InputStream} of RFC-4180 CSV with a header row, streamed as it downloads. */
    stream,
    /** A lazily read {@link java.util.Iterator} of {@code Map<String,String>} rows (producer), one exchange per row (consumer). */
    rows,
    /**
     * Producer {@code exportTable} only: a {@code List} of the export's slices, each a {@code Map} of JSON values
     * (table, file, slice, columns, compression; no credential) for {@code split(body())} and workers that read a
     * slice each with {@code operation=readSlice}.
     */
    slices
}
