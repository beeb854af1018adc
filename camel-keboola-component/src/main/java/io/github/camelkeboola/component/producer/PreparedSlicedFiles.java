package io.github.camelkeboola.component.producer;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code files/prepare} answers of the sliced files this component prepared, by file id. Storage hands a file's
 * upload credentials out with {@code files/prepare} and refreshes them only for files on GCS (APIB "Refresh File
 * Credentials"), and the step that imports a sliced load usually comes after a split whose replies replaced the
 * message's headers: {@code importSlicedFile} finds the credentials for the manifest here. Bounded: a file is
 * forgotten once imported, and the oldest beyond {@value #MAX_FILES}.
 */
public final class PreparedSlicedFiles {

    private static final int MAX_FILES = 1000;

    private final Map<Long, JsonNode> byId = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, JsonNode> eldest) {
            return size() > MAX_FILES;
        }
    };

    synchronized void remember(long fileId, JsonNode prepared) {
        byId.put(fileId, prepared);
    }

    synchronized JsonNode find(long fileId) {
        return byId.get(fileId);
    }

    synchronized void forget(long fileId) {
        byId.remove(fileId);
    }
}
