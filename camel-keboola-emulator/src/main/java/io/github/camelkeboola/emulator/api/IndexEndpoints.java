package io.github.camelkeboola.emulator.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code GET /v2/storage}: the index (no token). */
final class IndexEndpoints {

    private final Stack stack;

    IndexEndpoints(Stack stack) {
        this.stack = stack;
    }

    void register(Router router) {
        router.addPublic("GET", "/v2/storage", request -> index(request.params()));
    }

    private ApiResponse index(Params params) {
        ObjectNode node = Json.object();
        node.put("api", "storage");
        node.put("version", "v2");
        node.put("revision", "camel-keboola-emulator");
        node.put("stack", stack.baseUrl().replaceFirst("^https?://", ""));
        node.put("documentation", "https://keboola.docs.apiary.io/");
        if (!params.string("exclude", "").contains("components")) {
            node.putArray("components");
        }
        ArrayNode services = node.putArray("services");
        for (String id : new String[] {"import", "encryption", "sync-actions"}) {
            services.addObject().put("id", id).put("url", stack.baseUrl());
        }
        // the emulated Queue API lives under its own path, so a client that ignored the index would miss it
        services.addObject().put("id", "queue").put("url", stack.uri(QueueEndpoints.PATH));
        node.putArray("features");
        node.putObject("urlTemplates").put("orchestrationJob",
                "/admin/projects/&&projectId&&/orchestrations/&&orchestrationId&&/jobs/&&jobId&&");
        return ApiResponse.ok(node);
    }
}
