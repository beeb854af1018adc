package io.github.camelkeboola.component.export;

import io.github.camelkeboola.component.KeboolaException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One slice of an exported table, as {@code exportTable} with {@code outputType=slices} describes it for a worker
 * that reads it later and elsewhere ({@code operation=readSlice}): the table, the file, the slice as the file's
 * manifest names it ({@code s3://bucket/key0000_part_00}, {@code azure://..}, {@code gs://..}: not presigned, no
 * credential in it), the columns that head its rows, and its compression. The worker asks
 * {@code GET files/{id}?federationToken=1} for credentials of its own, so nothing in the message outlives the
 * file's retention or grants access (contract §7 "Sliced files").
 * <p>
 * On the route it is a plain {@code Map} of JSON values ({@link #toMap}): a broker carries it as JSON text
 * ({@code marshal().json()}), a worker needs no class of this component to make or read one, and
 * {@code readSlice} takes the map or its JSON text alike.
 *
 * @param index       the slice's place in the manifest, from 0
 * @param count       how many slices the export has
 * @param url         the manifest entry; null for a file that is not sliced (read whole, with its own header row)
 * @param columns     the columns of the slice's rows, in order (slices have no header row)
 * @param compression {@code gzip} (the component always exports gzip slices) or {@code none}
 */
public record TableSlice(String tableId, long fileId, int index, int count, String url, List<String> columns, String compression) {

    static final String TABLE_ID = "tableId";
    static final String FILE_ID = "fileId";
    static final String INDEX = "index";
    static final String COUNT = "count";
    static final String URL = "url";
    static final String COLUMNS = "columns";
    static final String COMPRESSION = "compression";

    public TableSlice {
        columns = List.copyOf(columns);
    }

    /** The slice as a map of JSON values: text, numbers and a list of text. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(TABLE_ID, tableId);
        map.put(FILE_ID, fileId);
        map.put(INDEX, index);
        map.put(COUNT, count);
        map.put(URL, url);
        map.put(COLUMNS, columns);
        map.put(COMPRESSION, compression);
        return map;
    }

    /** Reads a slice back from its map (as {@link #toMap} made it, or as JSON text parsed into a map). */
    public static TableSlice fromMap(Map<?, ?> map) {
        Object columns = map.get(COLUMNS);
        if (!(columns instanceof Collection<?> names)) {
            throw invalid("no list of columns", map);
        }
        List<String> columnNames = new ArrayList<>();
        names.forEach(name -> columnNames.add(String.valueOf(name)));
        Object url = map.get(URL);
        Object compression = map.get(COMPRESSION);
        return new TableSlice(text(map, TABLE_ID), number(map, FILE_ID), (int) number(map, INDEX), (int) number(map, COUNT),
                url == null ? null : url.toString(), columnNames, compression == null ? "none" : compression.toString());
    }

    private static String text(Map<?, ?> map, String key) {
        Object value = map.get(key);
        if (value == null || value.toString().isBlank()) {
            throw invalid("no " + key, map);
        }
        return value.toString();
    }

    private static long number(Map<?, ?> map, String key) {
        Object value = map.get(key);
        try {
            return value instanceof Number n ? n.longValue() : Long.parseLong(String.valueOf(value).trim());
        } catch (NumberFormatException e) {
            throw invalid("no number " + key + " (" + value + ")", map);
        }
    }

    private static KeboolaException invalid(String what, Map<?, ?> map) {
        return new KeboolaException("Not a slice of an exported table (as exportTable with outputType=slices makes them): "
                                    + what + "; keys " + map.keySet(), map.get(TABLE_ID) == null ? null : String.valueOf(map.get(TABLE_ID)), null);
    }
}
