package io.github.camelkeboola.emulator.queue;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Set;

/** One emulated Queue job; fields change under the lock of its {@link QueueJobs}. */
public final class QueueJob {

    static final Set<String> FINAL_STATUSES = Set.of("success", "warning", "error", "terminated", "cancelled");

    public final long id;
    public final String component;
    public final String config;
    public final List<String> configRowIds;
    public final String mode;
    public final String parentRunId;
    public final String branchId;
    public final JsonNode variableValuesData;
    public final String tokenId;
    public final String tokenDescription;
    public final long createdTime;
    volatile String status = "created";
    volatile String desiredStatus = "processing";
    volatile Long startTime;
    volatile Long endTime;
    volatile String message;

    QueueJob(long id, String component, String config, List<String> configRowIds, String mode, String parentRunId,
             String branchId, JsonNode variableValuesData, String tokenId, String tokenDescription, long createdTime) {
        this.id = id;
        this.component = component;
        this.config = config;
        this.configRowIds = configRowIds;
        this.mode = mode;
        this.parentRunId = parentRunId;
        this.branchId = branchId;
        this.variableValuesData = variableValuesData;
        this.tokenId = tokenId;
        this.tokenDescription = tokenDescription;
        this.createdTime = createdTime;
    }

    public String status() {
        return status;
    }

    public Long startTime() {
        return startTime;
    }

    public Long endTime() {
        return endTime;
    }

    /** The job's {@code result.message}, once it ended. */
    public String message() {
        return message;
    }

    /** The Queue's runId: the caller's {@code X-KBC-RunId} (the parent) and the job id, dot-separated. */
    public String runId() {
        return parentRunId == null ? Long.toString(id) : parentRunId + "." + id;
    }

    public boolean isFinished() {
        return FINAL_STATUSES.contains(status);
    }
}
