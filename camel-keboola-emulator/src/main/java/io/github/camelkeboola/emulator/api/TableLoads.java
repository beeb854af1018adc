package io.github.camelkeboola.emulator.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelkeboola.emulator.db.Bucket;
import io.github.camelkeboola.emulator.db.LastImportDate;
import io.github.camelkeboola.emulator.db.Table;
import io.github.camelkeboola.emulator.db.TableData;
import io.github.camelkeboola.emulator.db.Token;
import io.github.camelkeboola.emulator.jobs.JobFailedException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.Lock;

/**
 * Creating tables from CSV and loading CSV into tables, shared by the async (file) and the deprecated
 * sync ({@code dataString}) calls. Rows stream from the CSV into batched inserts.
 */
final class TableLoads {

    static final String TABLE_NAME = "[A-Za-z0-9_-]+";
    /** Column names: alphanumerics, dash, underscore; not starting or ending with dash or underscore. */
    private static final String COLUMN_NAME = "[A-Za-z0-9]([A-Za-z0-9_-]{0,62}[A-Za-z0-9])?";

    /** What to load: the CSV, whether it has a header, which columns it has. */
    record Load(CsvInput input, List<String> columns, boolean withoutHeaders, long ignoredLines) {

        static Load of(CsvInput input, Params p) {
            return new Load(input, p.list("columns"), p.bool("withoutHeaders", false),
                    p.integer("ignoredLinesCount") == null ? -1 : p.integer("ignoredLinesCount"));
        }
    }

    private final Stack stack;

    TableLoads(Stack stack) {
        this.stack = stack;
    }

    /** Checks a new table's name and that the bucket has no table of that name yet. */
    void checkNewTable(Bucket bucket, String name) {
        if (name == null || name.isBlank()) {
            throw ApiException.validation("storage.tables.validation", "Invalid request:\n - name: \"This field is missing.\"");
        }
        if (!name.matches(TABLE_NAME) || name.length() > 96) {
            throw ApiException.validation("storage.tables.validation.invalidName", "Invalid table name \"" + name
                    + "\". Only alphanumeric characters, dash and underscores are allowed.");
        }
        if (stack.catalog.table(bucket.branchId, bucket.id + "." + name).isPresent()
                || stack.catalog.tablesIn(bucket.branchId, bucket.id).stream().anyMatch(t -> t.displayName.equals(name))) {
            throw ApiException.validation("storage.buckets.tableAlreadyExists",
                    "The table \"" + name + "\" already exists in the bucket \"" + bucket.id + "\".");
        }
    }

    /** {@code primaryKey} on create is a comma-separated string; an array is refused. */
    static List<String> primaryKey(Params p) {
        if (p.get("primaryKey") != null && p.get("primaryKey").isContainerNode()) {
            throw ApiException.validation("storage.validation.primaryKey",
                    "Primary key must be a string with comma separated column names.");
        }
        return p.list("primaryKey");
    }

    /** Creates a table from the CSV's header (or {@code columns}) and loads its rows; returns the new table. */
    Table create(Bucket bucket, String name, List<String> primaryKey, Load load, Token token, String runId) throws Exception {
        Table table = new Table();
        table.branchId = bucket.branchId;
        table.id = bucket.id + "." + name;
        table.bucketId = bucket.id;
        table.name = name;
        table.displayName = name;
        table.sqlName = "t" + stack.catalog.nextId();
        table.created = stack.now();
        Lock lock = stack.importLock(table);
        lock.lock();
        try {
            List<String> columns = fileColumns(load, null);
            if (columns.isEmpty()) {
                throw new JobFailedException("storage.tables.validation.noColumns", "No columns found in the CSV file.");
            }
            checkColumns(columns);
            List<String> missing = primaryKey.stream().filter(k -> !columns.contains(k)).toList();
            if (!missing.isEmpty()) {
                throw new JobFailedException("storage.tables.validation.invalidPrimaryKeyColumns",
                        "Primary key columns " + String.join(", ", missing) + " are not among the table columns "
                                + String.join(", ", columns) + ".");
            }
            synchronized (stack.catalog) {
                if (stack.catalog.table(table.branchId, table.id).isPresent()) {
                    throw new JobFailedException("storage.buckets.tableAlreadyExists",
                            "The table \"" + name + "\" already exists in the bucket \"" + bucket.id + "\".");
                }
            }
            table.columns = new ArrayList<>(columns);
            table.primaryKey = new ArrayList<>(primaryKey);
            stack.data.create(table.sqlName, columns);
            try {
                load(table, load, columns, false, true);
            } catch (Exception | Error e) {
                stack.data.drop(table.sqlName);
                throw e;
            }
            synchronized (stack.catalog) {
                if (stack.catalog.bucket(bucket.branchId, bucket.id).isEmpty()) {
                    stack.data.drop(table.sqlName);
                    throw new JobFailedException("storage.buckets.notFound", "The bucket \"" + bucket.id
                            + "\" was deleted while the table was being created.");
                }
                stack.catalog.putTable(table);
                bucket.lastChangeDate = table.lastChangeDate;
                stack.catalog.putBucket(bucket);
            }
        } finally {
            lock.unlock();
        }
        stack.event(table.branchId, "storage.tableCreated", "Created table " + table.id, "table", table.id, token, runId, null, null);
        stack.event(table.branchId, "storage.tableImportStarted", "Started import of table " + table.id, "table", table.id, token, runId,
                null, null);
        stack.event(table.branchId, "storage.tableImportDone", "Imported table " + table.id, "table", table.id, token, runId, null, null);
        return table;
    }

    /** Loads rows into an existing table; returns the import results. */
    ObjectNode importInto(Table table, Load load, boolean incremental, Token token, String runId) throws Exception {
        Lock lock = stack.importLock(table);
        lock.lock();
        ObjectNode results;
        try {
            stack.event(table.branchId, "storage.tableImportStarted", "Started import of table " + table.id, "table", table.id, token,
                    runId, null, null);
            if (stack.catalog.table(table.branchId, table.id).isEmpty()) {
                throw new JobFailedException("storage.tables.notFound", "The table \"" + table.name
                        + "\" was not found in the bucket \"" + table.bucketId + "\".");
            }
            List<String> columns = fileColumns(load, table.columns);
            Set<String> present = new HashSet<>(columns);
            List<String> missing = table.columns.stream().filter(c -> !present.contains(c)).toList();
            if (!missing.isEmpty() || columns.isEmpty()) {
                ObjectNode details = Json.object();
                ArrayNode m = details.putArray("missingColumns");
                missing.forEach(m::add);
                ArrayNode expected = details.putArray("expectedColumns");
                table.columns.forEach(expected::add);
                throw new JobFailedException("csvImport.columnsNotMatch",
                        "Some columns are missing in the csv file. Missing columns: " + String.join(",", missing)
                                + ". Expected columns: " + String.join(",", table.columns)
                                + ". Please check if the expected delimiter \"" + load.input().dialect().delimiter()
                                + "\" is used in the csv file.", details);
            }
            checkColumns(columns);
            results = load(table, load, columns, incremental, false);
        } finally {
            lock.unlock();
        }
        stack.event(table.branchId, "storage.tableImportDone", "Imported table " + table.id, "table", table.id, token, runId, null,
                results.deepCopy());
        return results;
    }

    /**
     * Streams the CSV's rows into a staging table (the caller holds the table's import lock), then commits them under
     * the table's write lock and updates its metadata. This is how a real import runs (contract §11, from
     * keboola/php-db-import-export {@code Backend/Snowflake/ToFinalTable/IncrementalImporter.php} and
     * {@code FullImporter.php}): the rows are stamped with the second the import starts, taken before any of its work,
     * but they, {@code rowsCount}, {@code lastImportDate} and {@code lastChangeDate} become visible to the table detail
     * and to exports only at the commit, which {@link io.github.camelkeboola.emulator.fault.CommitHolds} can put off.
     * {@code lastImportDate} shows the start or the commit, as {@link LastImportDate} says.
     */
    private ObjectNode load(Table table, Load load, List<String> columns, boolean incremental, boolean newTable)
            throws Exception {
        long started = stack.now();
        long rows;
        List<String> columnsAfter;
        List<String> newColumns;
        try (TableData.Loader loader = stack.data.loader(table, columns, started)) {
            for (String[] row = load.input().next(); row != null; row = load.input().next()) {
                if (row.length > columns.size()) {
                    throw new JobFailedException("invalidCsv", "A row of the CSV file has " + row.length
                            + " values, but the file has " + columns.size() + " columns (" + String.join(",", columns) + ").");
                }
                loader.add(row);
            }
            columnsAfter = loader.columnsAfter();
            newColumns = columnsAfter.stream().filter(c -> !table.columns.contains(c)).toList();
            stack.commitHolds.beforeCommit(table.id);
            Lock write = stack.tableLock(table).writeLock();
            write.lock();
            try {
                if (!newTable && stack.catalog.table(table.branchId, table.id).isEmpty()) {
                    throw new JobFailedException("storage.tables.notFound", "The table \"" + table.name
                            + "\" was deleted from the bucket \"" + table.bucketId + "\" during the import.");
                }
                rows = loader.apply(incremental, table.primaryKey);
                long importDate = stack.lastImportDate == LastImportDate.COMMIT ? stack.now() : started;
                synchronized (stack.catalog) {
                    table.columns = new ArrayList<>(columnsAfter);
                    table.rowsCount = rows;
                    table.dataSizeBytes = (incremental ? table.dataSizeBytes : 0) + load.input().bytes();
                    table.lastImportDate = importDate;
                    table.lastChangeDate = importDate;
                    table.dataVersion++;
                    if (!newTable) {
                        stack.catalog.putTable(table);
                    }
                }
            } finally {
                write.unlock();
            }
        }
        ObjectNode results = Json.object();
        ArrayNode imported = results.putArray("importedColumns");
        columns.forEach(imported::add);
        results.putArray("warnings");
        results.putNull("transaction");
        results.put("totalRowsCount", rows);
        results.put("totalDataSizeBytes", table.dataSizeBytes);
        ArrayNode added = results.putArray("newColumns");
        newColumns.forEach(added::add);
        return results;
    }

    /**
     * The CSV's columns: {@code columns} when given (the file then has no header), the table's own for
     * {@code withoutHeaders}, otherwise the header row. {@code ignoredLinesCount} lines are skipped first.
     */
    private static List<String> fileColumns(Load load, List<String> tableColumns) throws Exception {
        boolean header = load.columns().isEmpty() && !load.withoutHeaders();
        long skip = load.ignoredLines() >= 0 ? load.ignoredLines() : 0;
        if (load.ignoredLines() >= 0 && load.columns().isEmpty()) {
            header = false;
        }
        for (long i = 0; i < skip; i++) {
            load.input().next();
        }
        if (!load.columns().isEmpty()) {
            return load.columns();
        }
        if (!header) {
            if (tableColumns == null) {
                throw new JobFailedException("storage.tables.validation", "Columns must be given for a CSV without header.");
            }
            return tableColumns;
        }
        String[] first = load.input().next();
        return first == null ? List.of() : List.of(first);
    }

    static void checkColumns(List<String> columns) {
        Set<String> seen = new LinkedHashSet<>();
        for (String column : columns) {
            if (!column.matches(COLUMN_NAME)) {
                throw new JobFailedException("storage.tables.validation.invalidColumnName", "Invalid column name \""
                        + column + "\". Only alphanumeric characters, dash and underscores are allowed, and the name must"
                        + " not start or end with a dash or an underscore.");
            }
            if (!seen.add(column.toLowerCase())) {
                throw new JobFailedException("storage.tables.validation.duplicateColumn", "Duplicate column \"" + column + "\".");
            }
        }
    }
}
