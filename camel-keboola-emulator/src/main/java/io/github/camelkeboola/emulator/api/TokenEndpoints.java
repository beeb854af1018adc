package io.github.camelkeboola.emulator.api;

import io.github.camelkeboola.emulator.db.Branch;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelkeboola.emulator.db.Bucket;
import io.github.camelkeboola.emulator.db.Token;

/** {@code GET /v2/storage/tokens/verify}. */
final class TokenEndpoints {

    private final Stack stack;

    TokenEndpoints(Stack stack) {
        this.stack = stack;
    }

    void register(Router router) {
        router.add("GET", "/tokens/verify", request -> ApiResponse.ok(verify(request.token())));
    }

    private ObjectNode verify(Token t) {
        ObjectNode node = Json.object();
        node.put("id", t.id);
        node.put("created", Json.time(t.created));
        node.put("refreshed", Json.time(t.created));
        node.put("description", t.description);
        node.put("uri", stack.uri("/v2/storage/tokens/" + t.id));
        node.put("isMasterToken", t.master);
        node.put("canManageBuckets", t.master);
        node.put("canManageTokens", t.master);
        node.put("canReadAllFileUploads", t.master);
        node.put("canPurgeTrash", t.master);
        node.put("canManageProtectedDefaultBranch", false);
        node.put("canCreateJobs", false);
        node.putNull("expires");
        node.put("isExpired", false);
        node.put("isDisabled", false);
        node.put("isBYODB", false);
        node.put("dailyCapacity", 0);
        node.put("token", t.token);
        ObjectNode permissions = node.putObject("bucketPermissions");
        if (t.master) {
            for (Bucket b : stack.catalog.buckets(Branch.DEFAULT_ID)) {
                permissions.put(b.id, "manage");
            }
        } else {
            t.bucketPermissions.forEach(permissions::put);
        }
        ObjectNode creator = node.putObject("creatorToken");
        creator.put("id", 1);
        creator.put("description", "emulator");
        node.putArray("componentAccess");
        if (t.master) {
            ObjectNode admin = node.putObject("admin");
            admin.put("id", 1);
            admin.put("name", "Emulator Admin");
            admin.putArray("features");
            admin.put("isOrganizationMember", true);
            admin.put("role", "admin");
        }
        node.putObject("organization").put("id", 1);
        ObjectNode owner = node.putObject("owner");
        owner.put("name", "Emulated project");
        owner.put("id", Access.PROJECT_ID);
        owner.put("type", "production");
        owner.put("region", "us-east-1");
        owner.putArray("features");
        long rows = stack.catalog.allTables().stream().mapToLong(x -> x.rowsCount).sum();
        owner.put("dataSizeBytes", stack.catalog.allTables().stream().mapToLong(x -> x.dataSizeBytes).sum());
        owner.put("rowsCount", rows);
        owner.put("hasSnowflake", true);
        owner.put("hasBigquery", false);
        owner.put("defaultBackend", "snowflake");
        ObjectNode limits = owner.putObject("limits");
        limits.putObject("storage.jobsParallelism").put("name", "storage.jobsParallelism").put("value", 10);
        owner.putObject("metrics").putObject("storage.rowsCount").put("name", "storage.rowsCount").put("value", rows);
        owner.put("fileStorageProvider", stack.provider);
        owner.putArray("assignedBackends").add("snowflake");
        owner.put("dataRetentionTimeInDays", 7);
        return node;
    }
}
