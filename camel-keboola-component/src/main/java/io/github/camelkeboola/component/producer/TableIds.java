package io.github.camelkeboola.component.producer;

import io.github.camelkeboola.component.KeboolaException;

import java.util.regex.Pattern;

/**
 * Table ids as Storage takes them: {@code stage.c-bucket.table}, stage {@code in} or {@code out}, bucket and table
 * names of alphanumeric characters, dash and underscore (table names at most 96). Checked before an import sends
 * anything, so a wrong id cannot leave a new bucket or an uploaded file behind.
 */
final class TableIds {

    private static final Pattern TABLE_ID = Pattern.compile("(in|out)\\.c-([A-Za-z0-9_-]+)\\.([A-Za-z0-9_-]{1,96})");

    private TableIds() {
    }

    static void checkForImport(String tableId) {
        if (!TABLE_ID.matcher(tableId).matches()) {
            throw new KeboolaException("importTable needs a table id of the form stage.c-bucket.table (stage in or out; bucket"
                    + " and table names of letters, digits, dash and underscore, the table name at most 96), got " + tableId,
                    0, "storage.tables.validation.invalidName", null, tableId, null, null);
        }
    }
}
