package io.github.camelkeboola.emulator.db;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * A development branch of the project ({@code GET dev-branches}). The default branch (production, "Main") always
 * exists with {@link #DEFAULT_ID}; each branch has its own buckets, tables and files. Times are epoch seconds.
 */
public class Branch {

    /** Id of the default (production) branch. */
    public static final long DEFAULT_ID = 1;

    public long id;
    public String name;
    public String description = "";
    public long created;
    public String creatorTokenId;
    public String creatorTokenName;

    @JsonIgnore
    public boolean isDefault() {
        return id == DEFAULT_ID;
    }
}
