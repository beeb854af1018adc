package io.github.camelkeboola.emulator.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.github.camelkeboola.emulator.jobs.Job;

import java.util.Comparator;
import java.util.List;

/** {@code GET jobs/{id}} (each poll may reveal the job's next state) and {@code GET jobs}. */
final class JobEndpoints {

    private final Stack stack;

    JobEndpoints(Stack stack) {
        this.stack = stack;
    }

    void register(Router router) {
        router.add("GET", "/jobs/([0-9]+)", this::detail);
        router.add("GET", "/jobs", this::list);
    }

    private ApiResponse detail(ApiRequest request) {
        long id = Long.parseLong(request.pathParam(0));
        Job job = stack.catalog.job(id).orElseThrow(() -> ApiException.notFound("storage.jobs.notFound",
                "Job " + id + " not found"));
        return ApiResponse.ok(stack.jobs.view(job, true, stack.baseUrl()));
    }

    private ApiResponse list(ApiRequest request) {
        Params p = request.params();
        long limit = p.integer("limit") == null ? 100 : p.integer("limit");
        long offset = p.integer("offset") == null ? 0 : p.integer("offset");
        String status = p.string("storage_job_status", p.string("status"));
        List<Job> jobs = stack.catalog.jobs().stream()
                .filter(j -> status == null || status.equals(j.status))
                .sorted(Comparator.comparingLong((Job j) -> j.id).reversed())
                .skip(offset).limit(limit).toList();
        ArrayNode list = Json.array();
        jobs.forEach(j -> list.add(stack.jobs.view(j, false, stack.baseUrl())));
        return ApiResponse.ok(list);
    }
}
