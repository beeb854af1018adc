package io.github.camelkeboola.emulator.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelkeboola.emulator.db.Bucket;
import io.github.camelkeboola.emulator.db.Table;
import io.github.camelkeboola.emulator.db.Token;
import io.github.camelkeboola.emulator.jobs.Job;

import java.util.List;

/** Buckets: list, create, detail, update, delete. */
final class BucketEndpoints {

    private static final String NAME = "[A-Za-z0-9_-]+";

    private final Stack stack;

    BucketEndpoints(Stack stack) {
        this.stack = stack;
    }

    void register(Router router) {
        router.add("GET", "/buckets", this::list);
        router.add("POST", "/buckets", this::create);
        router.add("GET", "/buckets/([^/]+)", this::detail);
        router.add("PUT", "/buckets/([^/]+)", this::update);
        router.add("DELETE", "/buckets/([^/]+)", this::delete);
    }

    private ApiResponse list(ApiRequest request) {
        ArrayNode list = Json.array();
        for (Bucket b : stack.catalog.buckets(request.branchId())) {
            if (request.token().allows(b.id, "read")) {
                list.add(Views.bucket(stack, b));
            }
        }
        return ApiResponse.ok(list);
    }

    private ApiResponse create(ApiRequest request) {
        Token token = request.token();
        if (!token.master) {
            throw ApiException.accessDenied();
        }
        Params p = request.params();
        String name = p.string("name");
        if (name == null || name.isBlank()) {
            throw ApiException.validation("storage.buckets.validation", "Invalid request:\n - name: \"This field is missing.\"");
        }
        if (!name.matches(NAME)) {
            throw ApiException.validation("storage.buckets.validation", "Invalid bucket name \"" + name
                    + "\". Only alphanumeric characters, dash and underscores are allowed.");
        }
        String stage = p.string("stage", "in");
        if (!stage.equals("in") && !stage.equals("out")) {
            throw ApiException.validation("storage.buckets.validation",
                    "Invalid request:\n - stage: \"The value you selected is not a valid choice.\"");
        }
        String displayName = p.string("displayName", name);
        Bucket bucket = new Bucket();
        bucket.branchId = request.branchId();
        bucket.id = stage + ".c-" + name;
        bucket.name = "c-" + name;
        bucket.displayName = displayName;
        bucket.stage = stage;
        bucket.description = p.string("description", "");
        bucket.backend = p.string("backend", "snowflake");
        bucket.color = p.string("color");
        bucket.created = stack.now();
        bucket.updated = bucket.created;
        synchronized (stack.catalog) {
            if (stack.catalog.bucket(bucket.branchId, bucket.id).isPresent()) {
                throw ApiException.validation("storage.buckets.alreadyExists",
                        "The bucket \"" + bucket.id + "\" already exists.");
            }
            if (stack.catalog.buckets(bucket.branchId).stream().anyMatch(b -> b.stage.equals(stage) && b.displayName.equals(displayName))) {
                throw ApiException.validation("storage.buckets.alreadyExists",
                        "The display name \"" + displayName + "\" already exists in project.");
            }
            stack.catalog.putBucket(bucket);
        }
        stack.event(bucket.branchId, "storage.bucketCreated", "Bucket " + bucket.id + " created", "bucket", bucket.id, token,
                request.runId(), null, null);
        return ApiResponse.json(201, Views.bucket(stack, bucket));
    }

    private ApiResponse detail(ApiRequest request) {
        Bucket bucket = Access.bucket(stack, request, request.pathParam(0), "read");
        return ApiResponse.ok(Views.bucketDetail(stack, bucket, new java.util.HashSet<>(request.params().list("include"))));
    }

    private ApiResponse update(ApiRequest request) {
        Bucket bucket = Access.bucket(stack, request, request.pathParam(0), "manage");
        Params p = request.params();
        synchronized (stack.catalog) {
            if (p.has("displayName")) {
                bucket.displayName = p.string("displayName");
            }
            if (p.has("color")) {
                bucket.color = p.string("color");
            }
            bucket.updated = stack.now();
            stack.catalog.putBucket(bucket);
        }
        return ApiResponse.ok(Views.bucket(stack, bucket));
    }

    private ApiResponse delete(ApiRequest request) throws Exception {
        Bucket bucket = Access.bucket(stack, request, request.pathParam(0), "manage");
        Params p = request.params();
        List<Table> tables = stack.catalog.tablesIn(bucket.branchId, bucket.id);
        if (!tables.isEmpty() && !p.bool("force", false)) {
            throw ApiException.validation("buckets.deleteNotEmpty", "Only empty buckets can be deleted. There are "
                    + tables.size() + " tables in the bucket \"" + bucket.id + "\".");
        }
        // As in the API, a bucket is dropped synchronously (204) unless async is asked for.
        if (!p.bool("async", false)) {
            drop(bucket, request.token(), request.runId());
            return ApiResponse.noContent();
        }
        ObjectNode params = Json.object();
        ObjectNode inner = params.putObject("params");
        inner.put("idBucket", bucket.id);
        inner.put("force", p.bool("force", false));
        Job job = stack.jobs.submit("bucketDelete", null, params, request.token(), request.runId(), request.failJob(),
                () -> {
                    drop(bucket, request.token(), request.runId());
                    return null;
                });
        return ApiResponse.json(202, stack.jobs.view(job, false, stack.baseUrl()));
    }

    private void drop(Bucket bucket, Token token, String runId) throws Exception {
        for (Table table : stack.catalog.tablesIn(bucket.branchId, bucket.id)) {
            TableEndpoints.dropTable(stack, table, token, runId);
        }
        stack.catalog.removeBucket(bucket);
        stack.event(bucket.branchId, "storage.bucketDeleted", "Bucket " + bucket.id + " deleted", "bucket", bucket.id, token, runId,
                null, null);
    }
}
