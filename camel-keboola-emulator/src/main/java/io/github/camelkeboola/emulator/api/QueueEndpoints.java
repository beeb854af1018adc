package io.github.camelkeboola.emulator.api;

import io.github.camelkeboola.emulator.db.Branch;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelkeboola.emulator.queue.QueueJob;
import io.github.camelkeboola.emulator.queue.QueueOutcome;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The emulated Queue API at {@code /queue} (the index lists it as service {@code queue}): {@code POST jobs},
 * {@code GET jobs/{id}}, {@code POST jobs/{id}/kill}, {@code GET search/jobs} (filters {@code id}, {@code runId},
 * {@code parentRunId}, {@code component}, {@code configId}, {@code status}; newest first). Errors have the Queue's shape
 * {@code {"error", "code": <HTTP status>, "exceptionId", "status": "error", "context"}}.
 * <p>
 * Test control (loopback, no token): {@code POST /_emulator/queue-outcomes}
 * {@code {"status": "error", "message": "...", "durationMillis": 0, "componentId": null, "configId": null}} arms the
 * outcome of the next matching job; {@code DELETE /_emulator/queue-outcomes} disarms all.
 */
final class QueueEndpoints {

    static final String PATH = "/queue";
    private static final Set<String> MODES = Set.of("run", "forceRun", "debug");

    private final Stack stack;

    QueueEndpoints(Stack stack) {
        this.stack = stack;
    }

    void register(Router router) {
        router.addService("POST", PATH + "/jobs", queue(this::create));
        router.addService("GET", PATH + "/jobs/(\\d+)", queue(request -> ApiResponse.ok(view(job(request.pathParam(0))))));
        router.addService("POST", PATH + "/jobs/(\\d+)/kill",
                queue(request -> ApiResponse.ok(view(stack.queueJobs.kill(job(request.pathParam(0)))))));
        router.addService("GET", PATH + "/search/jobs", queue(this::search));
        router.addPublic("POST", "/_emulator/queue-outcomes", this::arm);
        router.addPublic("DELETE", "/_emulator/queue-outcomes", request -> {
            stack.queueJobs.clearOutcomes();
            return ApiResponse.noContent();
        });
    }

    /** Renders a Queue error in the Queue's shape rather than the Storage API's. */
    private static Router.Handler queue(Router.Handler handler) {
        return request -> {
            try {
                return handler.handle(request);
            } catch (QueueError e) {
                return error(e.status(), e.getMessage());
            }
        };
    }

    private ApiResponse create(ApiRequest request) {
        Params p = request.params();
        String component = p.string("component");
        String config = p.string("config");
        String mode = p.string("mode", "run");
        if (component == null || component.isBlank()) {
            throw new QueueError(400, "Invalid request: component: This value should not be blank.");
        }
        if (config == null && !p.has("configData")) {
            throw new QueueError(400, "Invalid request: either config or configData must be set.");
        }
        if (!MODES.contains(mode)) {
            throw new QueueError(400, "Invalid request: mode: The value you selected is not a valid choice (run, forceRun, debug).");
        }
        List<String> rows = p.has("configRowIds") ? p.values("configRowIds") : null;
        QueueJob job = stack.queueJobs.create(component, config, rows, mode, request.runId(), p.string("branchId"),
                p.get("variableValuesData"), request.token().id, request.token().description);
        // answered as created, as the Queue does: the job runs after the answer is rendered
        ApiResponse created = ApiResponse.json(201, view(job));
        stack.queueJobs.start(job);
        return created;
    }

    private QueueJob job(String id) {
        return stack.queueJobs.job(Long.parseLong(id)).orElseThrow(() -> new QueueError(404, "Job \"" + id + "\" not found"));
    }

    private ApiResponse search(ApiRequest request) {
        Params p = request.params();
        List<String> ids = p.list("id");
        List<String> runIds = p.list("runId");
        List<String> parents = p.list("parentRunId");
        List<String> components = p.list("component");
        List<String> configs = p.list("configId");
        List<String> statuses = p.list("status");
        long limit = p.integer("limit") == null ? 100 : p.integer("limit");
        long offset = p.integer("offset") == null ? 0 : p.integer("offset");
        ArrayNode list = Json.array();
        List<QueueJob> jobs = stack.queueJobs.jobs();
        long skipped = 0;
        for (int i = jobs.size() - 1; i >= 0 && list.size() < limit; i--) {
            QueueJob job = jobs.get(i);
            boolean match = (ids.isEmpty() || ids.contains(Long.toString(job.id)))
                            && (runIds.isEmpty() || runIds.contains(job.runId()))
                            && (parents.isEmpty() || parents.contains(job.parentRunId))
                            && (components.isEmpty() || components.contains(job.component))
                            && (configs.isEmpty() || configs.contains(job.config))
                            && (statuses.isEmpty() || statuses.contains(job.status()));
            if (match && skipped++ >= offset) {
                list.add(view(job));
            }
        }
        return ApiResponse.ok(list);
    }

    private ApiResponse arm(ApiRequest request) {
        Params p = request.params();
        Long millis = p.integer("durationMillis");
        QueueOutcome outcome = new QueueOutcome(p.string("status", "success"), p.string("message"),
                Duration.ofMillis(millis == null ? 0 : millis), null, p.string("componentId"), p.string("configId"));
        stack.queueJobs.next(outcome);
        return ApiResponse.json(201, Json.object().put("status", outcome.status()));
    }

    /** A job as the Queue API shows it (keboola/job-queue-api-php-client {@code DTO/Job.php} fields). */
    private ObjectNode view(QueueJob job) {
        return stack.queueJobs.read(job, this::snapshot);
    }

    private ObjectNode snapshot(QueueJob job) {
        ObjectNode node = Json.object();
        String id = Long.toString(job.id);
        node.put("id", id);
        node.put("runId", job.runId());
        node.put("parentRunId", job.parentRunId);
        node.putObject("project").put("id", Access.PROJECT_ID).put("name", "Emulated project");
        node.putObject("token").put("id", job.tokenId).put("description", job.tokenDescription);
        node.put("status", job.status());
        node.put("desiredStatus", "terminated".equals(job.status()) || "terminating".equals(job.status()) ? "terminating" : "processing");
        node.put("mode", job.mode);
        node.put("component", job.component);
        node.put("config", job.config);
        node.putObject("configData");
        if (job.configRowIds == null) {
            node.putNull("configRowIds");
        } else {
            ArrayNode rows = node.putArray("configRowIds");
            job.configRowIds.forEach(rows::add);
        }
        node.putNull("tag");
        node.put("createdTime", Json.colonTime(java.time.Instant.ofEpochSecond(job.createdTime)));
        node.put("startTime", times(job, true));
        node.put("endTime", times(job, false));
        node.put("durationSeconds", durationSeconds(job));
        ObjectNode result = node.putObject("result");
        String message = job.message();
        if (message != null) {
            result.put("message", message);
        }
        if ("error".equals(job.status())) {
            result.putObject("error").put("type", "user").put("exceptionId", "job-" + id);
        }
        node.putObject("usageData");
        node.put("isFinished", job.isFinished());
        node.put("url", stack.uri(PATH + "/jobs/" + id));
        node.put("branchId", job.branchId == null ? String.valueOf(Branch.DEFAULT_ID) : job.branchId);
        node.putNull("variableValuesId");
        JsonNode variables = job.variableValuesData;
        node.set("variableValuesData", variables == null ? Json.object().set("values", Json.array()) : variables);
        node.putObject("backend");
        node.put("executor", "dind");
        node.putObject("metrics");
        node.putObject("behavior").putNull("onError");
        node.putNull("parallelism");
        node.put("type", "standard");
        node.putNull("orchestrationJobId");
        node.putNull("orchestrationTaskId");
        node.putNull("onlyOrchestrationTaskIds");
        node.putNull("previousJobId");
        return node;
    }

    private static String times(QueueJob job, boolean start) {
        Long value = start ? job.startTime() : job.endTime();
        return value == null ? null : Json.colonTime(java.time.Instant.ofEpochSecond(value));
    }

    private static long durationSeconds(QueueJob job) {
        Long start = job.startTime();
        Long end = job.endTime();
        return start == null || end == null ? 0 : end - start;
    }

    static ApiResponse error(int status, String message) {
        ObjectNode body = Json.object();
        body.put("error", message);
        body.put("code", status);
        body.put("exceptionId", "job-queue-api-" + java.util.UUID.randomUUID());
        body.put("status", "error");
        body.putObject("context");
        return ApiResponse.json(status, body);
    }

    /** A Queue API error raised from a handler; rendered in the Queue's shape. */
    static final class QueueError extends ApiException {
        QueueError(int status, String message) {
            super(status, "", message);
        }
    }
}
