package io.github.camelkeboola.emulator.api;

import com.sun.net.httpserver.Headers;
import io.github.camelkeboola.emulator.db.Token;
import io.github.camelkeboola.emulator.fault.Fault;

import java.util.List;

/**
 * One API request as handlers see it.
 *
 * @param pathParams the groups of the route's path pattern
 * @param token      the caller's token; {@code null} only on routes that need none
 * @param failJob    a {@link Fault.Kind#FAIL_JOB} fault armed for this request, or {@code null}
 * @param branchId   the development branch of a {@code /v2/storage/branch/{id}/...} path, else the default branch
 */
public record ApiRequest(String method, String path, List<String> pathParams, Params params, Token token,
                         Headers headers, Fault failJob, long branchId) {

    public String pathParam(int index) {
        return pathParams.get(index);
    }

    /** {@code X-KBC-RunId}, stored as the job's and file's {@code runId}. */
    public String runId() {
        return headers.getFirst("X-KBC-RunId");
    }
}
