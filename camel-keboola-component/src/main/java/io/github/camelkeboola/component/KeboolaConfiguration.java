package io.github.camelkeboola.component;

import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.StateRepository;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.apache.camel.spi.UriPath;

/** Options of a {@code keboola:} endpoint. The component holds the defaults; each endpoint works on a copy. */
@UriParams
public class KeboolaConfiguration implements Cloneable {

    // --- common -------------------------------------------------------------------------------------------------

    // here, not on the endpoint, so producers and consumers read one object (camel-kafka does the same with its topic)
    @UriPath(label = "common",
             description = "Table id, such as in.c-main.orders (bucket id and table name). Required by the consumer and"
                           + " the table operations; a bucket id or empty for listTables; not used by getJob.")
    private String tableId;

    @UriParam(defaultValue = "https://connection.keboola.com",
              description = "URL of the Keboola stack (the Storage API base), such as https://connection.CUSTOMER.keboola.com"
                            + " (single-tenant) or the emulator's; the stack option names a multi-tenant one instead.")
    private String stackUrl = "https://connection.keboola.com";

    @UriParam(enums = KeboolaStacks.NAMES,
              description = "A multi-tenant Keboola stack by name: aws-us-east-1 (connection.keboola.com), gcp-us-east4,"
                            + " aws-eu-central-1, azure-north-europe, gcp-europe-west3. Set, it replaces stackUrl; for a"
                            + " single-tenant stack or the emulator set stackUrl instead.")
    private String stack;

    @UriParam(label = "security", secret = true,
              description = "Storage API token. Sent only to the stack URL, never to file storage, and masked in logs and URIs.")
    @Metadata(required = true)
    private String token;

    @UriParam(description = "Development branch the endpoint works in: a branch id, or default for the project's default"
                            + " (production) branch; checked (default: found) with GET dev-branches at the endpoint's first"
                            + " call. Set, every Storage call of producers and consumer goes to /v2/storage/branch/{id}/..."
                            + " (Storage jobs stay project-wide) and runJob runs its Queue job in that branch (branchId)."
                            + " Unset or empty: production, without branch paths.")
    private String branch;

    @UriParam(description = "Comma-separated columns: the columns exported, or the columns of an imported CSV that has no header row.")
    private String columns;

    @UriParam(defaultValue = "stream",
              description = "How exported rows reach the route: stream (CSV with a header row) or rows (Map per row)."
                            + " To write an export to a file, send the stream to the file component. exportTable also"
                            + " offers slices: a List with one Map per slice of the export, for workers that read each"
                            + " with operation=readSlice.")
    private KeboolaOutputType outputType = KeboolaOutputType.stream;

    @UriParam(description = "Column of the single-column row filter of an export (whereValues, whereOperator).")
    private String whereColumn;

    @UriParam(description = "Comma-separated values of the whereColumn filter.")
    private String whereValues;

    @UriParam(defaultValue = "eq", enums = "eq,ne",
              description = "Operator of the whereColumn filter: eq (value in whereValues) or ne (not in).")
    private String whereOperator = "eq";

    // --- producer -----------------------------------------------------------------------------------------------

    @UriParam(label = "producer", defaultValue = "importTable",
              description = "The operation of the producer; the CamelKeboolaOperation header overrides it.")
    private KeboolaOperation operation = KeboolaOperation.importTable;

    @UriParam(label = "producer", defaultValue = "false",
              description = "Incremental import: rows are added (or upserted by the primary key) instead of replacing the table.")
    private boolean incremental;

    @UriParam(label = "producer",
              description = "Comma-separated primary key columns, used when the import creates the table.")
    private String primaryKey;

    @UriParam(label = "producer", defaultValue = "true",
              description = "Create a missing table from the imported CSV (tables-async) instead of failing.")
    private boolean autoCreateTable = true;

    @UriParam(label = "producer", defaultValue = ",", description = "Field delimiter of the imported CSV.")
    private String delimiter = ",";

    @UriParam(label = "producer", defaultValue = "\"", description = "Enclosure (quote) character of the imported CSV.")
    private String enclosure = "\"";

    @UriParam(label = "producer", defaultValue = "false",
              description = "The imported CSV has no header row; its columns are given by columns, or the table's columns in order.")
    private boolean withoutHeaders;

    @UriParam(label = "producer",
              description = "Lower bound (inclusive) of the rows' change time for exportTable and previewTable: epoch seconds,"
                            + " ISO-8601, or a relative expression such as -2 days. The consumer's cursor sets its own.")
    private String changedSince;

    @UriParam(label = "producer", defaultValue = "false",
              description = "Map rows: a column missing from a row is written as an empty value. Off, such a row fails the"
                            + " import before anything is uploaded, naming the row and the column (on an incremental upsert an"
                            + " empty value would overwrite the stored one).")
    private boolean missingColumnsAsEmpty;

    @UriParam(label = "producer",
              description = "Upper bound (exclusive) of the rows' change time for exportTable and previewTable, in the same"
                            + " forms as changedSince.")
    private String changedUntil;

    @UriParam(label = "producer", description = "Maximum number of rows exported (or previewed; preview allows at most 1000).")
    private Integer limit;

    // --- table metadata (importTable when it creates the table, setMetadata) -----------------------------------

    @UriParam(label = "producer,metadata",
              description = "The table's description (metadata KBC.description, provider user, as Keboola's UI writes it):"
                            + " set by importTable when it creates the table, and by setMetadata.")
    private String description;

    @UriParam(label = "producer,metadata", prefix = "columnMetadata.", multiValue = true,
              description = "Column metadata, each as columnMetadata.COLUMN.KEY=VALUE, such as"
                            + " columnMetadata.id.KBC.datatype.basetype=INTEGER: set by importTable when it creates the"
                            + " table, and by setMetadata, under metadataProvider.")
    private java.util.Map<String, Object> columnMetadata;

    @UriParam(label = "producer,metadata", defaultValue = "camel-keboola",
              description = "Provider the column metadata is written under (Keboola components write under their own id;"
                            + " user is what Keboola's UI writes).")
    private String metadataProvider = "camel-keboola";


    // --- Queue API jobs (runJob) ---------------------------------------------------------------------------------

    @UriParam(label = "producer,queue",
              description = "runJob: the component whose configuration runs, such as keboola.orchestrator or"
                            + " keboola.snowflake-transformation.")
    private String componentId;

    @UriParam(label = "producer,queue",
              description = "runJob: the configuration to run; the CamelKeboolaOverrideConfigId header overrides it.")
    private String configId;

    @UriParam(label = "producer,queue", description = "runJob: comma-separated configuration rows to run (all rows when unset).")
    private String configRowIds;

    @UriParam(label = "producer,queue", prefix = "variable.", multiValue = true,
              description = "runJob: variable values of the job (variableValuesData), each as variable.NAME=VALUE.")
    private java.util.Map<String, Object> variableValues;

    @UriParam(label = "producer,queue", defaultValue = "run", enums = "run,forceRun,debug",
              description = "runJob: run; forceRun (runs a disabled configuration too); debug (output kept in Storage files,"
                            + " no output mapping).")
    private String mode = "run";

    @UriParam(label = "producer,queue", defaultValue = "false",
              description = "runJob: a job that ends in warning fails the exchange like an error; off, its result is the body"
                            + " and a warning is logged.")
    private boolean failOnJobWarning;

    // --- consumer -----------------------------------------------------------------------------------------------

    @UriParam(label = "consumer",
              description = "Where the consumer keeps its cursor (a StateRepository<String,String> such as FileStateRepository)."
                            + " Without one the cursor lives in memory and a restart replays the table.")
    private StateRepository<String, String> stateRepository;

    @UriParam(label = "consumer,advanced",
              description = "Key of the cursor in the state repository. Defaults to the table id and the route id, so two"
                            + " consumers of one table do not share a cursor.")
    private String stateKey;

    @UriParam(label = "consumer",
              description = "Where the first poll starts when no cursor is stored: epoch seconds, ISO-8601 or a relative"
                            + " expression such as -2 days. Unset: the whole table first.")
    private String initialChangedSince;

    @UriParam(label = "consumer", defaultValue = "1000",
              description = "With outputType=rows: at most this many rows (exchanges) per poll, one batch; the rest of the"
                            + " window follows in the next polls, at once (without waiting for delay)."
                            + " 0 or less: the whole window in one batch, with all its rows in memory.")
    private int maxMessagesPerPoll = 1000;

    // --- jobs, transfer and connection ---------------------------------------------------------------------------

    @UriParam(label = "advanced", defaultValue = "6h", javaType = "java.time.Duration",
              description = "How long to wait for a Storage job (import, export, create, delete; the consumer's exports)"
                            + " or a Queue job (runJob) before failing.")
    private long jobTimeout = 6 * 60 * 60 * 1000L;

    @UriParam(label = "advanced", defaultValue = "20s", javaType = "java.time.Duration",
              description = "Longest pause between two polls of a running Storage job (polls start fast and back off to this).")
    private long jobPollMaxInterval = 20_000L;

    @UriParam(label = "advanced",
              description = "Override of the file storage endpoint (S3, Azure Blob or GCS base URL). By default the endpoint"
                            + " comes from what the Storage API returns.")
    private String fileStorageEndpoint;

    @UriParam(label = "advanced", defaultValue = "4",
              description = "How many export slices are downloaded ahead in parallel.")
    private int downloadParallelism = 4;

    @UriParam(label = "producer,advanced", defaultValue = "16777216",
              description = "Size in bytes of one part of a multipart upload (importTable); an upload holds at most two parts in memory."
                            + " S3 needs at least 5 MiB (smaller values are raised to it), GCS multiples of 256 KiB (rounded down).")
    private int uploadPartSize = 16 * 1024 * 1024;

    @UriParam(label = "advanced", defaultValue = "30s", javaType = "java.time.Duration",
              description = "Timeout to open a connection to the Storage API or file storage.")
    private long connectTimeout = 30_000L;

    @UriParam(label = "advanced", defaultValue = "120s", javaType = "java.time.Duration",
              description = "Timeout of one request (inactivity on the socket) to the Storage API or file storage.")
    private long requestTimeout = 120_000L;

    @UriParam(label = "advanced", defaultValue = "6",
              description = "How many times a failed call that is safe to repeat is retried (5xx except 501, 503 maintenance,"
                            + " network errors).")
    private int maxRetries = 6;

    @UriParam(label = "advanced", defaultValue = "1s", javaType = "java.time.Duration",
              description = "First pause before a retry; it doubles with each retry (a 503's Retry-After wins).")
    private long retryInitialDelay = 1_000L;

    @UriParam(label = "advanced", defaultValue = "60s", javaType = "java.time.Duration",
              description = "Longest pause between two retries.")
    private long retryMaxDelay = 60_000L;

    public KeboolaConfiguration copy() {
        try {
            KeboolaConfiguration copy = (KeboolaConfiguration) clone();
            // the mutable options: an endpoint's variable.* and columnMetadata.* values must not land in the defaults
            copy.variableValues = variableValues == null ? null : new java.util.LinkedHashMap<>(variableValues);
            copy.columnMetadata = columnMetadata == null ? null : new java.util.LinkedHashMap<>(columnMetadata);
            return copy;
        } catch (CloneNotSupportedException e) {
            throw new RuntimeCamelException(e);
        }
    }

    public String getTableId() {
        return tableId;
    }

    public void setTableId(String tableId) {
        this.tableId = tableId;
    }

    public String getStackUrl() {
        return stackUrl;
    }

    public void setStackUrl(String stackUrl) {
        this.stackUrl = stackUrl;
    }

    public String getStack() {
        return stack;
    }

    public void setStack(String stack) {
        this.stack = stack;
    }

    public String getToken() {
        return token;
    }

    public void setToken(String token) {
        this.token = token;
    }

    public String getBranch() {
        return branch;
    }

    public void setBranch(String branch) {
        this.branch = branch;
    }

    public String getColumns() {
        return columns;
    }

    public void setColumns(String columns) {
        this.columns = columns;
    }

    public KeboolaOutputType getOutputType() {
        return outputType;
    }

    public void setOutputType(KeboolaOutputType outputType) {
        this.outputType = outputType;
    }

    public String getChangedSince() {
        return changedSince;
    }

    public void setChangedSince(String changedSince) {
        this.changedSince = changedSince;
    }

    public String getChangedUntil() {
        return changedUntil;
    }

    public void setChangedUntil(String changedUntil) {
        this.changedUntil = changedUntil;
    }

    public String getWhereColumn() {
        return whereColumn;
    }

    public void setWhereColumn(String whereColumn) {
        this.whereColumn = whereColumn;
    }

    public String getWhereValues() {
        return whereValues;
    }

    public void setWhereValues(String whereValues) {
        this.whereValues = whereValues;
    }

    public String getWhereOperator() {
        return whereOperator;
    }

    public void setWhereOperator(String whereOperator) {
        this.whereOperator = whereOperator;
    }

    public Integer getLimit() {
        return limit;
    }

    public void setLimit(Integer limit) {
        this.limit = limit;
    }

    public KeboolaOperation getOperation() {
        return operation;
    }

    public void setOperation(KeboolaOperation operation) {
        this.operation = operation;
    }

    public boolean isIncremental() {
        return incremental;
    }

    public void setIncremental(boolean incremental) {
        this.incremental = incremental;
    }

    public String getPrimaryKey() {
        return primaryKey;
    }

    public void setPrimaryKey(String primaryKey) {
        this.primaryKey = primaryKey;
    }

    public boolean isAutoCreateTable() {
        return autoCreateTable;
    }

    public void setAutoCreateTable(boolean autoCreateTable) {
        this.autoCreateTable = autoCreateTable;
    }

    public String getDelimiter() {
        return delimiter;
    }

    public void setDelimiter(String delimiter) {
        this.delimiter = delimiter;
    }

    public String getEnclosure() {
        return enclosure;
    }

    public void setEnclosure(String enclosure) {
        this.enclosure = enclosure;
    }

    public boolean isWithoutHeaders() {
        return withoutHeaders;
    }

    public void setWithoutHeaders(boolean withoutHeaders) {
        this.withoutHeaders = withoutHeaders;
    }

    public boolean isMissingColumnsAsEmpty() {
        return missingColumnsAsEmpty;
    }

    public void setMissingColumnsAsEmpty(boolean missingColumnsAsEmpty) {
        this.missingColumnsAsEmpty = missingColumnsAsEmpty;
    }

    public long getJobTimeout() {
        return jobTimeout;
    }

    public void setJobTimeout(long jobTimeout) {
        this.jobTimeout = jobTimeout;
    }

    public long getJobPollMaxInterval() {
        return jobPollMaxInterval;
    }

    public void setJobPollMaxInterval(long jobPollMaxInterval) {
        this.jobPollMaxInterval = jobPollMaxInterval;
    }

    public StateRepository<String, String> getStateRepository() {
        return stateRepository;
    }

    public void setStateRepository(StateRepository<String, String> stateRepository) {
        this.stateRepository = stateRepository;
    }

    public String getStateKey() {
        return stateKey;
    }

    public void setStateKey(String stateKey) {
        this.stateKey = stateKey;
    }

    public String getInitialChangedSince() {
        return initialChangedSince;
    }

    public void setInitialChangedSince(String initialChangedSince) {
        this.initialChangedSince = initialChangedSince;
    }

    public int getMaxMessagesPerPoll() {
        return maxMessagesPerPoll;
    }

    public void setMaxMessagesPerPoll(int maxMessagesPerPoll) {
        this.maxMessagesPerPoll = maxMessagesPerPoll;
    }

    public String getFileStorageEndpoint() {
        return fileStorageEndpoint;
    }

    public void setFileStorageEndpoint(String fileStorageEndpoint) {
        this.fileStorageEndpoint = fileStorageEndpoint;
    }

    public int getDownloadParallelism() {
        return downloadParallelism;
    }

    public void setDownloadParallelism(int downloadParallelism) {
        this.downloadParallelism = downloadParallelism;
    }

    public int getUploadPartSize() {
        return uploadPartSize;
    }

    public void setUploadPartSize(int uploadPartSize) {
        this.uploadPartSize = uploadPartSize;
    }

    public long getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(long connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public long getRequestTimeout() {
        return requestTimeout;
    }

    public void setRequestTimeout(long requestTimeout) {
        this.requestTimeout = requestTimeout;
    }

    public int getMaxRetries() {
        return maxRetries;
    }

    public void setMaxRetries(int maxRetries) {
        this.maxRetries = maxRetries;
    }

    public long getRetryInitialDelay() {
        return retryInitialDelay;
    }

    public void setRetryInitialDelay(long retryInitialDelay) {
        this.retryInitialDelay = retryInitialDelay;
    }

    public long getRetryMaxDelay() {
        return retryMaxDelay;
    }

    public void setRetryMaxDelay(long retryMaxDelay) {
        this.retryMaxDelay = retryMaxDelay;
    }
    public String getComponentId() {
        return componentId;
    }

    public void setComponentId(String componentId) {
        this.componentId = componentId;
    }

    public String getConfigId() {
        return configId;
    }

    public void setConfigId(String configId) {
        this.configId = configId;
    }

    public String getConfigRowIds() {
        return configRowIds;
    }

    public void setConfigRowIds(String configRowIds) {
        this.configRowIds = configRowIds;
    }

    public java.util.Map<String, Object> getVariableValues() {
        return variableValues;
    }

    public void setVariableValues(java.util.Map<String, Object> variableValues) {
        this.variableValues = variableValues;
    }

    public String getMode() {
        return mode;
    }

    public void setMode(String mode) {
        this.mode = mode;
    }

    public boolean isFailOnJobWarning() {
        return failOnJobWarning;
    }

    public void setFailOnJobWarning(boolean failOnJobWarning) {
        this.failOnJobWarning = failOnJobWarning;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public java.util.Map<String, Object> getColumnMetadata() {
        return columnMetadata;
    }

    public void setColumnMetadata(java.util.Map<String, Object> columnMetadata) {
        this.columnMetadata = columnMetadata;
    }

    public String getMetadataProvider() {
        return metadataProvider;
    }

    public void setMetadataProvider(String metadataProvider) {
        this.metadataProvider = metadataProvider;
    }
}
