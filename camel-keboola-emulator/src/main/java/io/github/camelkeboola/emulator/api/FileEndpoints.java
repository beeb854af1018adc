package io.github.camelkeboola.emulator.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelkeboola.emulator.db.FileRecord;
import io.github.camelkeboola.emulator.jobs.Job;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;

/** Files: prepare (upload), detail with {@code federationToken}, list, delete, tags, credential refresh. */
final class FileEndpoints {

    private static final DateTimeFormatter DAY_PATH = DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);

    private final Stack stack;

    FileEndpoints(Stack stack) {
        this.stack = stack;
    }

    void register(Router router) {
        router.add("POST", "/files/prepare", this::prepare);
        router.add("GET", "/files", this::list);
        router.add("GET", "/files/([^/]+)", this::detail);
        router.add("DELETE", "/files/([^/]+)", this::delete);
        router.add("PUT", "/files/([^/]+)/refresh", this::refresh);
        router.add("POST", "/files/([^/]+)/tags", this::addTag);
        router.add("DELETE", "/files/([^/]+)/tags/([^/]+)", this::removeTag);
    }

    private ApiResponse prepare(ApiRequest request) {
        Params p = request.params();
        String name = p.string("name");
        if (name == null || name.isBlank()) {
            throw ApiException.validation("storage.files.validation", "Invalid request:\n - name: \"This field is missing.\"");
        }
        FileRecord f = new FileRecord();
        f.branchId = request.branchId();
        f.id = stack.catalog.nextId();
        f.name = name.replaceAll("[^A-Za-z0-9._-]", "_");
        f.created = stack.now();
        f.objectKey = "exp-15/" + Access.PROJECT_ID + "/files/" + DAY_PATH.format(Instant.ofEpochSecond(f.created))
                + "/" + f.id + "." + f.name;
        f.sliced = p.bool("isSliced", false);
        f.encrypted = p.bool("isEncrypted", false);
        f.isPublic = p.bool("isPublic", false);
        f.permanent = p.bool("isPermanent", false);
        f.sizeBytes = p.integer("sizeBytes");
        f.contentType = p.string("contentType", "application/octet-stream");
        f.tags.addAll(p.list("tags"));
        f.runId = request.runId();
        f.creatorTokenId = request.token().id;
        stack.catalog.putFile(f);
        ObjectNode node = FileViews.common(stack, f);
        stack.storage.describeUpload(f.stored(), node);
        return ApiResponse.json(201, node);
    }

    private ApiResponse detail(ApiRequest request) {
        FileRecord f = FileViews.file(stack, request, request.pathParam(0));
        ObjectNode node = FileViews.common(stack, f);
        stack.storage.describeDownload(f.stored(), node, request.params().bool("federationToken", false));
        return ApiResponse.ok(node);
    }

    /**
     * New upload credentials, for files on GCS only: "Endpoint is used to generate new credentials only for files
     * stored in GCS", whose tokens live an hour (APIB "Refresh File Credentials"; PHP uses it only in
     * {@code GCSUploader}). What AWS and Azure stacks answer is not documented: this emulator refuses with 400 and
     * an error code of its own, {@code storage.files.refreshNotSupported}.
     */
    private ApiResponse refresh(ApiRequest request) {
        FileRecord f = FileViews.file(stack, request, request.pathParam(0));
        if (!"gcp".equals(stack.storage.provider())) {
            throw ApiException.validation("storage.files.refreshNotSupported",
                    "Credentials can be refreshed only for files stored in GCS; file " + f.id + " is stored in "
                    + stack.storage.provider() + ".");
        }
        ObjectNode node = FileViews.common(stack, f);
        stack.storage.describeUpload(f.stored(), node);
        return ApiResponse.ok(node);
    }

    private ApiResponse list(ApiRequest request) {
        Params p = request.params();
        long limit = p.integer("limit") == null ? 100 : p.integer("limit");
        long offset = p.integer("offset") == null ? 0 : p.integer("offset");
        List<String> tags = p.list("tags");
        String runId = p.string("runId");
        String q = p.string("q");
        Long sinceId = p.integer("sinceId");
        Long maxId = p.integer("maxId");
        ArrayNode list = Json.array();
        stack.catalog.files(request.branchId()).stream()
                .filter(f -> request.token().master || request.token().id.equals(f.creatorTokenId))
                .filter(f -> f.tags.containsAll(tags))
                .filter(f -> runId == null || runId.equals(f.runId))
                .filter(f -> q == null || f.name.contains(q))
                .filter(f -> sinceId == null || f.id > sinceId)
                .filter(f -> maxId == null || f.id <= maxId)
                .sorted(Comparator.comparingLong((FileRecord f) -> f.id).reversed())
                .skip(offset).limit(limit)
                .forEach(f -> {
                    ObjectNode node = FileViews.common(stack, f);
                    stack.storage.describeDownload(f.stored(), node, false);
                    list.add(node);
                });
        return ApiResponse.ok(list);
    }

    private ApiResponse delete(ApiRequest request) throws Exception {
        FileRecord f = FileViews.file(stack, request, request.pathParam(0));
        if (!request.params().bool("async", false)) {
            deleteFile(f);
            return ApiResponse.noContent();
        }
        ObjectNode params = Json.object();
        params.put("fileId", f.id);
        Job job = stack.jobs.submit("fileDelete", null, params, request.token(), request.runId(), request.failJob(), () -> {
            deleteFile(f);
            return null;
        });
        return ApiResponse.json(202, stack.jobs.view(job, false, stack.baseUrl()));
    }

    private void deleteFile(FileRecord f) throws java.io.IOException {
        stack.catalog.removeFile(f.id);
        // The id starts the key's last segment, so this prefix names this file (and its slices) only.
        stack.storage.deletePrefix(f.objectKey);
    }

    private ApiResponse addTag(ApiRequest request) {
        FileRecord f = FileViews.file(stack, request, request.pathParam(0));
        String tag = request.params().string("tag");
        if (tag == null || tag.isBlank()) {
            throw ApiException.validation("storage.files.validation", "Invalid request:\n - tag: \"This field is missing.\"");
        }
        synchronized (stack.catalog) {
            if (!f.tags.contains(tag)) {
                f.tags.add(tag);
            }
            stack.catalog.putFile(f);
        }
        return ApiResponse.json(201, Json.object().put("tag", tag));
    }

    private ApiResponse removeTag(ApiRequest request) {
        FileRecord f = FileViews.file(stack, request, request.pathParam(0));
        synchronized (stack.catalog) {
            f.tags.remove(java.net.URLDecoder.decode(request.pathParam(1), java.nio.charset.StandardCharsets.UTF_8));
            stack.catalog.putFile(f);
        }
        return ApiResponse.noContent();
    }
}
