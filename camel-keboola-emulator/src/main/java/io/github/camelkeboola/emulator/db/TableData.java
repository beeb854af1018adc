package io.github.camelkeboola.emulator.db;

import org.h2.jdbcx.JdbcConnectionPool;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Table rows in an embedded H2 database (file mode, in the data directory). Each Keboola table is an
 * H2 table of VARCHAR columns plus {@code _timestamp} (epoch seconds of the import that last wrote
 * the row). Reads stream from lazily executed queries and loads go in batches, so tables of millions
 * of rows never sit in memory.
 */
public final class TableData implements AutoCloseable {

    public static final String TIMESTAMP = "_timestamp";
    private static final int BATCH = 5_000;
    /** {@code _timestamp} values read as the backends write them: {@code Y-m-d H:i:s} in UTC. */
    private static final DateTimeFormatter TIMESTAMP_FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private final JdbcConnectionPool pool;
    private final AtomicLong stagingCounter = new AtomicLong();

    public TableData(Path dataDir) {
        String url = "jdbc:h2:file:" + dataDir.resolve("tables").toAbsolutePath()
                + ";LAZY_QUERY_EXECUTION=1;DB_CLOSE_ON_EXIT=FALSE";
        this.pool = JdbcConnectionPool.create(url, "sa", "");
        this.pool.setMaxConnections(32);
    }

    /** Quotes an identifier for H2. */
    public static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** Receives rows of a query, values in the order of the selected columns. */
    @FunctionalInterface
    public interface RowSink {
        void row(String[] values) throws IOException;
    }

    public void create(String sqlTable, List<String> columns) throws SQLException {
        execute("CREATE TABLE " + quote(sqlTable) + " (" + columnDefinitions(columns) + ")");
    }

    public void drop(String sqlTable) throws SQLException {
        execute("DROP TABLE IF EXISTS " + quote(sqlTable));
    }

    public long count(String sqlTable) throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + quote(sqlTable))) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Streams the rows of a query into {@code sink}; returns how many rows were sent. */
    public long query(String sqlTable, RowQuery query, RowSink sink) throws SQLException, IOException {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(query.sql(sqlTable),
                    ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
                ps.setFetchSize(1_000);
                List<Object> args = query.arguments();
                for (int i = 0; i < args.size(); i++) {
                    ps.setObject(i + 1, args.get(i));
                }
                long rows = 0;
                try (ResultSet rs = ps.executeQuery()) {
                    int width = rs.getMetaData().getColumnCount();
                    boolean[] timestamp = new boolean[width];
                    for (int i = 0; i < width; i++) {
                        timestamp[i] = TIMESTAMP.equals(rs.getMetaData().getColumnLabel(i + 1));
                    }
                    while (rs.next()) {
                        String[] values = new String[width];
                        for (int i = 0; i < width; i++) {
                            String value = timestamp[i] ? TIMESTAMP_FORMAT.format(Instant.ofEpochSecond(rs.getLong(i + 1)))
                                    : rs.getString(i + 1);
                            values[i] = value == null ? "" : value;
                        }
                        sink.row(values);
                        rows++;
                    }
                }
                return rows;
            } finally {
                c.rollback();
            }
        }
    }

    public void addColumn(String sqlTable, String column) throws SQLException {
        execute("ALTER TABLE " + quote(sqlTable) + " ADD COLUMN " + quote(column) + " VARCHAR DEFAULT '' NOT NULL");
    }

    public void dropColumn(String sqlTable, String column) throws SQLException {
        execute("ALTER TABLE " + quote(sqlTable) + " DROP COLUMN " + quote(column));
    }

    /** Whether some value combination of {@code columns} occurs in more than one row. */
    public boolean hasDuplicates(String sqlTable, List<String> columns) throws SQLException {
        String keys = String.join(", ", columns.stream().map(TableData::quote).toList());
        try (Connection c = pool.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT 1 FROM " + quote(sqlTable) + " GROUP BY " + keys
                     + " HAVING COUNT(*) > 1 LIMIT 1")) {
            return rs.next();
        }
    }

    /** Indexes the primary key columns (upserts look rows up by them); an empty key drops the index. */
    public void primaryKeyIndex(String sqlTable, List<String> primaryKey) throws SQLException {
        execute("DROP INDEX IF EXISTS " + quote(sqlTable + "_pk"));
        if (!primaryKey.isEmpty()) {
            execute("CREATE INDEX " + quote(sqlTable + "_pk") + " ON " + quote(sqlTable) + " ("
                    + String.join(", ", primaryKey.stream().map(TableData::quote).toList()) + ")");
        }
    }

    /** Deletes the rows the query's conditions select; returns how many. */
    public long delete(String sqlTable, RowQuery query) throws SQLException {
        try (Connection c = pool.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM " + quote(sqlTable) + query.where())) {
            List<Object> args = query.arguments();
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            return ps.executeLargeUpdate();
        }
    }

    /**
     * Starts loading rows for {@code table}: they go to a staging table first, so a load that fails
     * half-way leaves the table as it was.
     *
     * @param fileColumns the columns of the incoming rows, in their order (a superset of the table's)
     * @param timestamp   the {@code _timestamp} of every loaded row
     */
    public Loader loader(Table table, List<String> fileColumns, long timestamp) throws SQLException {
        return new Loader(table, fileColumns, timestamp);
    }

    private String columnDefinitions(List<String> columns) {
        List<String> defs = new ArrayList<>();
        columns.forEach(c -> defs.add(quote(c) + " VARCHAR DEFAULT '' NOT NULL"));
        defs.add(quote(TIMESTAMP) + " BIGINT");
        return String.join(", ", defs);
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** Loads rows into a staging table and applies them to the target table with {@link #apply}. */
    public final class Loader implements AutoCloseable {
        private final Table table;
        private final List<String> fileColumns;
        private final List<String> allColumns;
        private final String staging;
        private final Connection connection;
        /** Multi-row INSERTs are much faster in H2 than one row per statement. */
        private final int rowsPerInsert;
        private final PreparedStatement insertMany;
        private final PreparedStatement insertOne;
        private final String[][] buffer;
        private final long timestamp;
        private int buffered;
        private int pendingRows;
        private boolean applied;

        private Loader(Table table, List<String> fileColumns, long timestamp) throws SQLException {
            this.table = table;
            this.fileColumns = fileColumns;
            this.timestamp = timestamp;
            Set<String> all = new LinkedHashSet<>(table.columns);
            all.addAll(fileColumns);
            this.allColumns = new ArrayList<>(all);
            this.staging = table.sqlName + "_stg_" + stagingCounter.incrementAndGet();
            drop(staging);
            create(staging, allColumns);
            this.connection = pool.getConnection();
            connection.setAutoCommit(false);
            List<String> insertColumns = new ArrayList<>(fileColumns);
            insertColumns.add(TIMESTAMP);
            String head = "INSERT INTO " + quote(staging) + " ("
                    + String.join(", ", insertColumns.stream().map(TableData::quote).toList()) + ") VALUES ";
            String tuple = "(" + String.join(", ", insertColumns.stream().map(c -> "?").toList()) + ")";
            this.rowsPerInsert = Math.max(1, Math.min(64, 2_000 / insertColumns.size()));
            this.insertMany = connection.prepareStatement(head + String.join(", ", java.util.Collections.nCopies(rowsPerInsert, tuple)));
            this.insertOne = connection.prepareStatement(head + tuple);
            this.buffer = new String[rowsPerInsert][];
        }

        /** Columns the table will have after the load: its own, then new ones from the file. */
        public List<String> columnsAfter() {
            return allColumns;
        }

        /** Adds a row, values in file column order; missing trailing values load as empty strings. */
        public void add(String[] values) throws SQLException {
            buffer[buffered++] = values;
            if (buffered == rowsPerInsert) {
                for (int r = 0; r < rowsPerInsert; r++) {
                    bind(insertMany, r * (fileColumns.size() + 1), buffer[r]);
                }
                insertMany.addBatch();
                buffered = 0;
                pendingRows += rowsPerInsert;
                if (pendingRows >= BATCH) {
                    insertMany.executeBatch();
                    connection.commit();
                    pendingRows = 0;
                }
            }
        }

        private void bind(PreparedStatement statement, int offset, String[] values) throws SQLException {
            for (int i = 0; i < fileColumns.size(); i++) {
                statement.setString(offset + i + 1, i < values.length && values[i] != null ? values[i] : "");
            }
            statement.setLong(offset + fileColumns.size() + 1, timestamp);
        }

        private void flush() throws SQLException {
            insertMany.executeBatch();
            for (int r = 0; r < buffered; r++) {
                bind(insertOne, 0, buffer[r]);
                insertOne.addBatch();
            }
            insertOne.executeBatch();
            connection.commit();
            buffered = 0;
            pendingRows = 0;
        }

        /**
         * Applies the staged rows: a full load replaces the table's rows, an incremental load with a
         * primary key upserts (rows whose values did not change keep their {@code _timestamp}), without
         * one it appends. With a primary key, duplicate keys in the file collapse to one row.
         *
         * @return the table's row count afterwards
         */
        public long apply(boolean incremental, List<String> primaryKey) throws SQLException {
            flush();
            insertMany.close();
            insertOne.close();
            String target = quote(table.sqlName);
            String stg = quote(staging);
            try (Statement s = connection.createStatement()) {
                if (!primaryKey.isEmpty()) {
                    String keys = String.join(", ", primaryKey.stream().map(TableData::quote).toList());
                    s.execute("DELETE FROM " + stg + " WHERE _ROWID_ NOT IN (SELECT MAX(_ROWID_) FROM " + stg
                            + " GROUP BY " + keys + ")");
                }
                if (!incremental) {
                    s.execute("DROP TABLE " + target);
                    s.execute("ALTER TABLE " + stg + " RENAME TO " + target);
                } else {
                    for (String column : allColumns) {
                        if (!table.columns.contains(column)) {
                            s.execute("ALTER TABLE " + target + " ADD COLUMN " + quote(column) + " VARCHAR DEFAULT '' NOT NULL");
                        }
                    }
                    String columnList = String.join(", ", allColumns.stream().map(TableData::quote).toList())
                            + ", " + quote(TIMESTAMP);
                    if (primaryKey.isEmpty()) {
                        s.execute("INSERT INTO " + target + " (" + columnList + ") SELECT " + columnList + " FROM " + stg);
                    } else {
                        s.execute(merge(target, stg, primaryKey));
                    }
                    s.execute("DROP TABLE " + stg);
                }
                if (!primaryKey.isEmpty()) {
                    s.execute("CREATE INDEX IF NOT EXISTS " + quote(table.sqlName + "_pk") + " ON " + target + " ("
                            + String.join(", ", primaryKey.stream().map(TableData::quote).toList()) + ")");
                }
                connection.commit();
                applied = true;
                try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + target)) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        }

        private String merge(String target, String stg, List<String> primaryKey) {
            List<String> on = primaryKey.stream().map(k -> "t." + quote(k) + " = s." + quote(k)).toList();
            List<String> others = allColumns.stream().filter(c -> !primaryKey.contains(c)).toList();
            StringBuilder sql = new StringBuilder("MERGE INTO " + target + " t USING " + stg + " s ON (")
                    .append(String.join(" AND ", on)).append(")");
            if (!others.isEmpty()) {
                sql.append(" WHEN MATCHED AND (")
                        .append(String.join(" OR ", others.stream()
                                .map(c -> "t." + quote(c) + " IS DISTINCT FROM s." + quote(c)).toList()))
                        .append(") THEN UPDATE SET ")
                        .append(String.join(", ", others.stream().map(c -> quote(c) + " = s." + quote(c)).toList()))
                        .append(", ").append(quote(TIMESTAMP)).append(" = s.").append(quote(TIMESTAMP));
            }
            List<String> insertColumns = new ArrayList<>(allColumns);
            insertColumns.add(TIMESTAMP);
            sql.append(" WHEN NOT MATCHED THEN INSERT (")
                    .append(String.join(", ", insertColumns.stream().map(TableData::quote).toList()))
                    .append(") VALUES (")
                    .append(String.join(", ", insertColumns.stream().map(c -> "s." + quote(c)).toList()))
                    .append(")");
            return sql.toString();
        }

        /** Drops the staging table unless the load was applied. */
        @Override
        public void close() throws SQLException {
            try {
                if (!applied) {
                    connection.rollback();
                    try (Statement s = connection.createStatement()) {
                        s.execute("DROP TABLE IF EXISTS " + quote(staging));
                    }
                }
            } finally {
                connection.close();
            }
        }
    }

    @Override
    public void close() {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("SHUTDOWN");
        } catch (SQLException ignored) {
            // already closed
        }
        pool.dispose();
    }
}
