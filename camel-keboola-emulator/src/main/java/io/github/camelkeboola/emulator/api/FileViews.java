package io.github.camelkeboola.emulator.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelkeboola.emulator.db.FileRecord;
import io.github.camelkeboola.emulator.db.Token;

import java.io.IOException;

/** The JSON of a file resource; the provider part comes from the file storage. */
final class FileViews {

    static final int MAX_AGE_DAYS = 15;

    private FileViews() {
    }

    static ObjectNode common(Stack stack, FileRecord f) {
        ObjectNode node = Json.object();
        node.put("id", f.id);
        node.put("created", Json.time(f.created));
        node.put("isPublic", f.isPublic);
        node.put("isSliced", f.sliced);
        node.put("isEncrypted", f.encrypted);
        node.put("name", f.name);
        node.put("fileType", f.name.endsWith(".parquet") ? "parquet" : "csv");
        node.put("provider", stack.provider);
        node.put("region", "us-east-1");
        node.put("sizeBytes", size(stack, f));
        ArrayNode tags = node.putArray("tags");
        f.tags.forEach(tags::add);
        if (f.permanent) {
            node.putNull("maxAgeDays");
        } else {
            node.put("maxAgeDays", MAX_AGE_DAYS);
        }
        node.put("runId", f.runId);
        ArrayNode runIds = node.putArray("runIds");
        if (f.runId != null) {
            runIds.add(f.runId);
        }
        node.put("isExpired", false);
        ObjectNode creator = node.putObject("creatorToken");
        creator.put("id", f.creatorTokenId == null ? null : Long.valueOf(f.creatorTokenId));
        creator.put("description", stack.catalog.token(f.creatorTokenId).map(t -> t.description).orElse(null));
        return node;
    }

    /** Uploaded plain files report their real size; sliced files and not yet uploaded ones the recorded one. */
    private static Long size(Stack stack, FileRecord f) {
        if (!f.sliced && stack.storage.exists(f.objectKey)) {
            try {
                return stack.storage.size(f.objectKey);
            } catch (IOException e) {
                return f.sizeBytes;
            }
        }
        return f.sizeBytes;
    }

    /** The file of the request's branch, if it exists and the token may see it (its own files, or all for the master token). */
    static FileRecord file(Stack stack, ApiRequest request, String id) {
        long fileId;
        try {
            fileId = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw ApiException.notFound("storage.files.notFound", "File " + id + " not found");
        }
        Token token = request.token();
        FileRecord file = stack.catalog.file(request.branchId(), fileId)
                .orElseThrow(() -> ApiException.notFound("storage.files.notFound", "File " + id + " not found"));
        if (!token.master && !token.id.equals(file.creatorTokenId)) {
            throw ApiException.accessDenied();
        }
        return file;
    }
}
