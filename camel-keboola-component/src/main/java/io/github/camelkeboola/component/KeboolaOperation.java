package io.github.camelkeboola.component;

/** What a {@code keboola:} producer does with the message. */
public enum KeboolaOperation {
    importTable,
    exportTable,
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
