package io.github.camelkeboola.component;

/** What a {@code keboola:} producer does with the message. */
public enum KeboolaOperation {
    importTable,
    exportTable,
    /** Reads one slice that {@code exportTable} with {@code outputType=slices} described (the body), as stream or rows. */
    readSlice,
    /** Prepares a sliced file that workers upload slices of; its id becomes the {@code CamelKeboolaSlicedFileId} header. */
    prepareSlicedFile,
    /** Uploads the body (CSV without a header row, or rows) as one slice of the sliced file; the body becomes the slice. */
    uploadSlice,
    /** Writes the manifest of the slices in the body and imports the sliced file into the table as one job. */
    importSlicedFile,
    getTable,
    listTables,
    previewTable,
    deleteTable,
    /** Sets the description and column metadata the endpoint names on an existing table. */
    setMetadata,
    getJob,
    /** Runs a component configuration as a Queue API job and waits for it. */
    runJob,
    /** Reads one Queue API job. */
    getQueueJob
}
