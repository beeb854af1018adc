package io.github.camelkeboola.emulator.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelkeboola.emulator.fault.CommitHolds;
import io.github.camelkeboola.emulator.fault.Fault;
import io.github.camelkeboola.emulator.fault.FaultInjector;
import io.github.camelkeboola.emulator.fault.FaultTarget;

import java.time.Duration;
import java.util.Locale;

/**
 * Emulator control for tests run outside the JVM (loopback callers only, no token):
 * {@code POST /_emulator/faults} arms a fault from a JSON rule, {@code DELETE /_emulator/faults} disarms all.
 * {@code "kind": "ACCEPT_THEN_STATUS", "status": 504} lets the request take effect and answers 504 (default) instead.
 * <pre>{"target": "API", "method": "POST", "path": "/export-async$", "times": 1,
 *  "kind": "STATUS", "status": 500, "durationMillis": 0, "afterBytes": 0, "errorCode": null, "message": null}</pre>
 * {@code POST /_emulator/commit-holds} holds imports at their commit ({@link CommitHolds}), answering the hold's id;
 * {@code GET /_emulator/commit-holds} lists the holds with how many imports each holds ({@code held}) and how many
 * wait now ({@code waiting}); {@code DELETE /_emulator/commit-holds/{id}} releases one, {@code DELETE
 * /_emulator/commit-holds} all.
 * <pre>{"tableId": "in.c-main.orders", "times": 1, "durationMillis": 0}</pre>
 * ({@code tableId} absent: every table; {@code times} negative: every import until released; {@code durationMillis}
 * above 0: a held import also commits by itself after that long.)
 */
final class AdminEndpoints {

    private final Stack stack;

    AdminEndpoints(Stack stack) {
        this.stack = stack;
    }

    void register(Router router) {
        router.addPublic("POST", "/_emulator/faults", this::arm);
        router.addPublic("DELETE", "/_emulator/faults", request -> {
            stack.faults.clear();
            return ApiResponse.noContent();
        });
        router.addPublic("POST", "/_emulator/commit-holds", this::hold);
        router.addPublic("GET", "/_emulator/commit-holds", request -> ApiResponse.ok(holds()));
        router.addPublic("DELETE", "/_emulator/commit-holds", request -> {
            stack.commitHolds.releaseAll();
            return ApiResponse.noContent();
        });
        router.addPublic("DELETE", "/_emulator/commit-holds/(\\d+)", request -> {
            if (!stack.commitHolds.release(Long.parseLong(request.pathParam(0)))) {
                throw ApiException.notFound("emulator.notFound", "No commit hold " + request.pathParam(0));
            }
            return ApiResponse.noContent();
        });
    }

    private ApiResponse hold(ApiRequest request) {
        Params p = request.params();
        long times = p.integer("times") == null ? 1 : p.integer("times");
        long millis = p.integer("durationMillis") == null ? 0 : p.integer("durationMillis");
        CommitHolds.Hold hold = stack.commitHolds.hold(p.string("tableId"), (int) times, Duration.ofMillis(millis));
        return ApiResponse.json(201, view(hold));
    }

    private ObjectNode holds() {
        ObjectNode body = Json.object();
        ArrayNode holds = body.putArray("holds");
        stack.commitHolds.holds().forEach(h -> holds.add(view(h)));
        return body;
    }

    private static ObjectNode view(CommitHolds.Hold hold) {
        ObjectNode node = Json.object();
        node.put("id", hold.id());
        node.put("tableId", hold.tableId());
        node.put("held", hold.held());
        node.put("waiting", hold.waiting());
        return node;
    }

    private ApiResponse arm(ApiRequest request) {
        Params p = request.params();
        String kindName = p.string("kind");
        if (kindName == null) {
            throw ApiException.validation("emulator.validation",
                    "kind is required: STATUS, MAINTENANCE, DELAY, CUT_BODY, FAIL_JOB or ACCEPT_THEN_STATUS");
        }
        Fault.Kind kind;
        FaultTarget target;
        try {
            kind = Fault.Kind.valueOf(kindName.toUpperCase(Locale.ROOT));
            target = FaultTarget.valueOf(p.string("target", "API").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.validation("emulator.validation", "Unknown kind or target: " + e.getMessage());
        }
        Duration duration = Duration.ofMillis(p.integer("durationMillis") == null ? 0 : p.integer("durationMillis"));
        long status = p.integer("status") == null ? 500 : p.integer("status");
        Fault fault = switch (kind) {
            case STATUS -> Fault.status((int) status);
            case MAINTENANCE -> Fault.maintenance(duration);
            case DELAY -> Fault.delay(duration);
            case CUT_BODY -> Fault.cutBody(p.integer("afterBytes") == null ? 0 : p.integer("afterBytes"));
            case FAIL_JOB -> Fault.failJob(p.string("errorCode"), p.string("message"));
            case ACCEPT_THEN_STATUS -> Fault.acceptThenStatus(p.integer("status") == null ? 504 : (int) status);
            case GATEWAY_PAGE -> Fault.gatewayPage(p.integer("status") == null ? 502 : (int) status);
        };
        long times = p.integer("times") == null ? 1 : p.integer("times");
        FaultInjector.Rule rule = stack.faults.inject(target, p.string("method"), p.string("path", ".*"), fault, (int) times);
        ObjectNode body = Json.object();
        body.put("target", target.name());
        body.put("kind", rule.fault().kind().name());
        body.put("times", times);
        return ApiResponse.json(201, body);
    }
}
