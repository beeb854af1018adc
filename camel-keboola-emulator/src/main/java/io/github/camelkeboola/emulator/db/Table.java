package io.github.camelkeboola.emulator.db;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A table's metadata; its rows live in the H2 table {@link #sqlName}. Times are epoch seconds. */
public class Table {
    /** The development branch the table is in ({@link Branch#DEFAULT_ID}: production). */
    public long branchId = Branch.DEFAULT_ID;
    public String id;
    public String bucketId;
    public String name;
    public String displayName;
    public String sqlName;
    public List<String> columns = new ArrayList<>();
    public List<String> primaryKey = new ArrayList<>();
    public long created;
    public Long lastImportDate;
    public Long lastChangeDate;
    public long rowsCount;
    public long dataSizeBytes;
    /** Grows with every change of the data; part of the export cache key. */
    public long dataVersion;
    /** The table's metadata, oldest first; replaced (never changed in place) under the catalog's lock. */
    public List<Metadatum> metadata = new ArrayList<>();
    /** Each column's metadata, by column name; replaced like {@link #metadata}. */
    public Map<String, List<Metadatum>> columnMetadata = new LinkedHashMap<>();
}
