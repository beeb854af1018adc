package io.github.camelkeboola.emulator.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelkeboola.emulator.db.Branch;
import io.github.camelkeboola.emulator.db.Event;
import io.github.camelkeboola.emulator.db.FileRecord;
import io.github.camelkeboola.emulator.db.Table;
import io.github.camelkeboola.emulator.db.Token;
import io.github.camelkeboola.emulator.jobs.Job;

/**
 * Development branches: {@code GET/POST dev-branches}, {@code GET/PUT/DELETE dev-branches/{id}} (apiary.apib group
 * "Development Branches"). Create and delete answer a Storage job ({@code devBranchCreate}, whose results are the
 * branch; {@code devBranchDelete}). A branch's buckets, tables and files are its own: none of production's is seen
 * in it, and deleting it drops them (keboola/storage-api-php-client tests at dce278b7,
 * {@code Backend/SOX/BranchStorageTest.php}, {@code BranchFileStorageTest.php}). Messages and the duplicate-name code
 * are those of {@code tests/Common/DevBranchesTest.php}; the not-found code is the emulator's own.
 */
final class DevBranchEndpoints {

    static final String NOT_FOUND_CODE = "storage.devBranch.notFound";

    private final Stack stack;

    DevBranchEndpoints(Stack stack) {
        this.stack = stack;
    }

    void register(Router router) {
        router.add("GET", "/dev-branches", this::list);
        router.add("POST", "/dev-branches", this::create);
        router.add("GET", "/dev-branches/([^/]+)", request -> ApiResponse.ok(view(branch(request.pathParam(0)))));
        router.add("PUT", "/dev-branches/([^/]+)", this::update);
        router.add("DELETE", "/dev-branches/([^/]+)", this::delete);
    }

    /** What the API answers for a branch id it does not know, also under {@code branch/{id}/...}. */
    static ApiException notFound(String id) {
        return ApiException.notFound(NOT_FOUND_CODE, "Branch id:\"" + id + "\" was not found.");
    }

    private ApiResponse list(ApiRequest request) {
        ArrayNode list = Json.array();
        stack.catalog.branches().forEach(b -> list.add(view(b)));
        return ApiResponse.ok(list);
    }

    private ApiResponse create(ApiRequest request) throws Exception {
        Token token = request.token();
        if (!token.master) {
            throw ApiException.accessDenied();
        }
        String name = request.params().string("name");
        if (name == null || name.isBlank()) {
            throw ApiException.validation("storage.devBranch.validation", "Invalid request:\n - name: \"This field is missing.\"");
        }
        Branch branch = stack.catalog.addBranch(name, request.params().string("description", ""), token, stack.now())
                .orElseThrow(() -> duplicateName(name));
        event("storage.devBranchCreated", "Development branch \"" + name + "\" created", branch, request);
        ObjectNode params = Json.object();
        params.put("queue", "main");
        params.putObject("values").put("name", name).put("description", branch.description);
        Job job = stack.jobs.submit("devBranchCreate", null, params, token, request.runId(), request.failJob(),
                () -> view(branch));
        return ApiResponse.json(202, stack.jobs.view(job, false, stack.baseUrl()));
    }

    private ApiResponse update(ApiRequest request) {
        Branch branch = branch(request.pathParam(0));
        Params p = request.params();
        synchronized (stack.catalog) {
            if (p.has("name") && !p.string("name").equals(branch.name)) {
                if (branch.isDefault()) {
                    throw ApiException.validation("storage.devBranch.validation", "You can not update default branch name.");
                }
                checkNameFree(p.string("name"), branch);
                branch.name = p.string("name");
            }
            if (p.has("description")) {
                branch.description = p.string("description", "");
            }
            stack.catalog.putBranch(branch);
        }
        event("storage.devBranchUpdated", "Development branch \"" + branch.name + "\" updated", branch, request);
        return ApiResponse.ok(view(branch));
    }

    private ApiResponse delete(ApiRequest request) throws Exception {
        Branch branch = branch(request.pathParam(0));
        if (!request.token().master) {
            throw ApiException.accessDenied();
        }
        if (branch.isDefault()) {
            throw ApiException.validation("storage.devBranch.validation", "Cannot delete Main branch");
        }
        ObjectNode params = Json.object();
        params.put("queue", "main");
        params.putObject("values").put("id", branch.id);
        Job job = stack.jobs.submit("devBranchDelete", null, params, request.token(), request.runId(), request.failJob(),
                () -> {
                    drop(branch, request);
                    return null;
                });
        return ApiResponse.json(202, stack.jobs.view(job, false, stack.baseUrl()));
    }

    /** Drops the branch's tables (their rows) and files (their objects), then the branch. */
    private void drop(Branch branch, ApiRequest request) throws Exception {
        for (Table table : stack.catalog.tables(branch.id)) {
            TableEndpoints.dropTable(stack, table, request.token(), request.runId());
        }
        for (FileRecord file : stack.catalog.files(branch.id)) {
            stack.storage.deletePrefix(file.objectKey);
        }
        stack.catalog.removeBranch(branch.id);
        event("storage.devBranchDeleted", "Development branch \"" + branch.name + "\" deleted", branch, request);
    }

    private Branch branch(String id) {
        try {
            return stack.catalog.branch(Long.parseLong(id)).orElseThrow(() -> notFound(id));
        } catch (NumberFormatException e) {
            throw notFound(id);
        }
    }

    private void checkNameFree(String name, Branch renamed) {
        if (stack.catalog.branches().stream().anyMatch(b -> b != renamed && b.name.equals(name))) {
            throw duplicateName(name);
        }
    }

    private static ApiException duplicateName(String name) {
        return ApiException.validation("devBranch.duplicateName", "There already is a branch with name \"" + name + "\"");
    }

    private void event(String name, String message, Branch branch, ApiRequest request) {
        Event event = stack.event(Branch.DEFAULT_ID, name, message, "devBranch", String.valueOf(branch.id), request.token(), request.runId(),
                null, null);
        event.objectName = branch.name;
    }

    private static ObjectNode view(Branch b) {
        ObjectNode node = Json.object();
        node.put("id", b.id);
        node.put("name", b.name);
        node.put("description", b.description);
        node.put("created", Json.time(b.created));
        node.put("isDefault", b.isDefault());
        if (b.creatorTokenId == null) {
            node.putArray("creatorToken");
        } else {
            node.putObject("creatorToken").put("id", Long.parseLong(b.creatorTokenId)).put("name", b.creatorTokenName);
        }
        return node;
    }
}
