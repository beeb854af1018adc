package io.github.camelkeboola.emulator.db;

import com.fasterxml.jackson.databind.JsonNode;

/** One Storage event ({@code storage.tableImportDone}, ...). */
public class Event {
    public long id;
    /** The branch the event happened in (the default branch, or a development branch). */
    public long branchId = Branch.DEFAULT_ID;
    public String uuid;
    public String event;
    public String component = "storage";
    public String message;
    public String description = "";
    public String type = "info";
    public String runId;
    public long created;
    public String objectId;
    public String objectName;
    public String objectType;
    public JsonNode params;
    public JsonNode results;
    public String tokenId;
    public String tokenName;
}
