package io.github.camelkeboola.component;

/** What a {@code keboola:} producer does with the message. */
public enum KeboolaOperation {
    importTable,
    exportTable,
    getTable,
    listTables,
    previewTable,
    deleteTable,
    getJob
}
