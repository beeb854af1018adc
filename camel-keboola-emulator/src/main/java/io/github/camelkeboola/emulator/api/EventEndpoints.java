package io.github.camelkeboola.emulator.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelkeboola.emulator.db.Event;

import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/** Events: project, table and bucket listings, detail, and {@code POST events}. */
final class EventEndpoints {

    private static final int MAX_LIMIT = 10_000;

    private final Stack stack;

    EventEndpoints(Stack stack) {
        this.stack = stack;
    }

    void register(Router router) {
        router.add("GET", "/events", r -> list(r, e -> true));
        router.add("POST", "/events", this::create);
        router.add("GET", "/events/([^/]+)", this::detail);
        router.add("GET", "/tables/([^/]+)/events", r -> {
            String tableId = Access.table(stack, r, r.pathParam(0), "read").id;
            return list(r, e -> tableId.equals(e.objectId));
        });
        router.add("GET", "/buckets/([^/]+)/events", r -> {
            String bucketId = Access.bucket(stack, r, r.pathParam(0), "read").id;
            return list(r, e -> e.objectId != null && (e.objectId.equals(bucketId) || e.objectId.startsWith(bucketId + ".")));
        });
    }

    private ApiResponse list(ApiRequest request, Predicate<Event> scope) {
        Params p = request.params();
        List<Event> all = stack.catalog.events();
        Long sinceId = eventId(all, p.string("sinceId"));
        Long maxId = eventId(all, p.string("maxId"));
        long limit = Math.min(p.integer("limit") == null ? 100 : p.integer("limit"), MAX_LIMIT);
        long offset = p.integer("offset") == null ? 0 : p.integer("offset");
        String runId = p.string("runId");
        String component = p.string("component");
        String q = p.string("q");
        boolean asc = "asc".equalsIgnoreCase(p.string("sortOrder", "desc"));
        boolean admin = request.token().master;
        Comparator<Event> byId = Comparator.comparingLong(e -> e.id);
        ArrayNode list = Json.array();
        all.stream()
                // "GET /v2/storage/events is the same as GET /v2/storage/branch/default/events" (contract §1, APIB)
                .filter(e -> e.branchId == request.branchId())
                .filter(scope)
                .filter(e -> admin || request.token().id.equals(e.tokenId))
                .filter(e -> sinceId == null || e.id > sinceId)
                .filter(e -> maxId == null || e.id <= maxId)
                .filter(e -> runId == null || runId.equals(e.runId))
                .filter(e -> component == null || component.equals(e.component))
                .filter(e -> q == null || (e.message + " " + e.event + " " + e.objectId).contains(q))
                .sorted(asc ? byId : byId.reversed())
                .skip(offset).limit(limit)
                .forEach(e -> list.add(view(e)));
        return ApiResponse.ok(list);
    }

    /** {@code sinceId}/{@code maxId} take an event id or uuid. */
    private static Long eventId(List<Event> events, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (value.matches("\\d+")) {
            return Long.parseLong(value);
        }
        return events.stream().filter(e -> value.equals(e.uuid)).map(e -> e.id).findFirst()
                .orElseThrow(() -> ApiException.validation("storage.events.validation", "Unknown event \"" + value + "\"."));
    }

    private ApiResponse detail(ApiRequest request) {
        String id = request.pathParam(0);
        return stack.catalog.events().stream()
                .filter(e -> id.equals(String.valueOf(e.id)) || id.equals(e.uuid))
                .findFirst()
                .map(e -> ApiResponse.ok(view(e)))
                .orElseThrow(() -> ApiException.notFound("storage.events.notFound", "Event " + id + " not found"));
    }

    private ApiResponse create(ApiRequest request) {
        Params p = request.params();
        String component = p.string("component");
        String message = p.string("message");
        if (component == null || message == null) {
            throw ApiException.validation("storage.events.validation",
                    "Invalid request:\n - " + (component == null ? "component" : "message") + ": \"This field is missing.\"");
        }
        String type = p.string("type", "info");
        if (!List.of("info", "success", "warn", "error").contains(type)) {
            throw ApiException.validation("storage.events.validation",
                    "Invalid request:\n - type: \"The value you selected is not a valid choice.\"");
        }
        Event event = stack.event(request.branchId(), "ext." + component + ".", message, null, null, request.token(),
                p.string("runId", request.runId()), p.get("params"), p.get("results"));
        synchronized (stack.catalog) {
            event.component = component;
            event.type = type;
            event.description = p.string("description", "");
        }
        ObjectNode body = Json.object();
        body.put("id", String.valueOf(event.id));
        body.put("uuid", event.uuid);
        return ApiResponse.json(201, body);
    }

    private ObjectNode view(Event e) {
        ObjectNode node = Json.object();
        node.put("id", String.valueOf(e.id));
        node.put("uuid", e.uuid);
        node.put("event", e.event);
        node.put("component", e.component);
        node.put("message", e.message);
        node.put("description", e.description);
        node.put("type", e.type);
        node.put("runId", e.runId);
        node.put("created", Json.time(e.created));
        node.putNull("configurationId");
        node.put("objectId", e.objectId);
        node.put("objectName", e.objectName);
        node.put("objectType", e.objectType);
        node.putObject("context");
        node.set("params", e.params == null ? Json.object() : e.params.deepCopy());
        node.set("results", e.results == null ? Json.object() : e.results.deepCopy());
        node.putObject("performance");
        ObjectNode token = node.putObject("token");
        token.put("id", e.tokenId);
        token.put("name", e.tokenName);
        node.put("idBranch", e.branchId);
        node.put("uri", stack.uri("/v2/storage/events/" + e.id));
        node.putArray("attachments");
        return node;
    }
}
