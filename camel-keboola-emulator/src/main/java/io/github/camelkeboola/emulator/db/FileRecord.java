package io.github.camelkeboola.emulator.db;

import io.github.camelkeboola.emulator.storage.StoredFile;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A file resource of Storage Files. Times are epoch seconds. */
public class FileRecord {
    /** The development branch the file is in ({@link Branch#DEFAULT_ID}: production). */
    public long branchId = Branch.DEFAULT_ID;
    public long id;
    public String name;
    public String objectKey;
    public boolean sliced;
    public boolean encrypted;
    public boolean isPublic;
    public boolean permanent;
    public long created;
    public Long sizeBytes;
    public String contentType;
    public List<String> tags = new ArrayList<>();
    public String runId;
    public String creatorTokenId;

    public StoredFile stored() {
        return new StoredFile(id, name, objectKey, sliced, encrypted, Instant.ofEpochSecond(created));
    }
}
