package io.github.camelkeboola.emulator.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A Storage job. Times are epoch seconds. */
public class Job {
    public long id;
    /** {@code waiting}, {@code processing}, {@code success} or {@code error}. */
    public String status = "waiting";
    public String tableId;
    public String operationName;
    public JsonNode operationParams;
    public long createdTime;
    public Long startTime;
    public Long endTime;
    public String runId;
    public JsonNode results;
    public ObjectNode error;
    public String creatorTokenId;
    public String creatorTokenDescription;
    /** How far polls have seen the job (0 waiting, 1 processing, 2 finished): each poll reveals one step. */
    public int shownStep;
}
