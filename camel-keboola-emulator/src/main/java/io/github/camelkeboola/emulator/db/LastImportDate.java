package io.github.camelkeboola.emulator.db;

/**
 * Which moment of an import the table's {@code lastImportDate} (and {@code lastChangeDate}) shows. Its rows are
 * stamped with the import's start either way (contract §11: the importer takes its {@code _timestamp} when it is
 * built, before its transaction; keboola/php-db-import-export {@code ToFinalTable/IncrementalImporter.php},
 * {@code FullImporter.php}), and the new dates become visible only when it commits. Keboola documents neither moment
 * for {@code lastImportDate}, so the emulator offers both: a consumer must be right under each.
 */
public enum LastImportDate {
    /** The second the import started, the same second its rows are stamped with (the default). */
    START,
    /** The second the import committed, at or after the second its rows are stamped with. */
    COMMIT
}
