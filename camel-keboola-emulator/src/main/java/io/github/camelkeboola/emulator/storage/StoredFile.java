package io.github.camelkeboola.emulator.storage;

import java.time.Instant;

/**
 * A file resource as the file storage sees it.
 *
 * @param id        Storage API file id
 * @param name      the file name given to {@code files/prepare} (or chosen for an export)
 * @param objectKey where the object lives in the storage; for a sliced file the prefix of its slices,
 *                  its manifest being {@code objectKey + "manifest"}
 * @param sliced    whether the file is sliced
 * @param encrypted whether uploads must ask for server-side encryption (S3 flavour)
 * @param created   creation time
 */
public record StoredFile(long id, String name, String objectKey, boolean sliced, boolean encrypted, Instant created) {

    /** Key of the manifest of a sliced file. */
    public String manifestKey() {
        return objectKey + "manifest";
    }
}
