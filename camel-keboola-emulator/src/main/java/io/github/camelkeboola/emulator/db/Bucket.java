package io.github.camelkeboola.emulator.db;

import java.util.ArrayList;
import java.util.List;

/** A bucket's metadata ({@code in.c-main}). Times are epoch seconds. */
public class Bucket {
    /** The development branch the bucket is in ({@link Branch#DEFAULT_ID}: production). */
    public long branchId = Branch.DEFAULT_ID;
    public String id;
    public String name;
    public String displayName;
    public String stage;
    public String description;
    public String backend;
    public String color;
    public long created;
    public long updated;
    public Long lastChangeDate;
    /** The bucket's metadata, oldest first; replaced (never changed in place) under the catalog's lock. */
    public List<Metadatum> metadata = new ArrayList<>();
}
