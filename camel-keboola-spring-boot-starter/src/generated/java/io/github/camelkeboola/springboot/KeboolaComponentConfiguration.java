/* Generated from keboola.json by camel-keboola-tooling (StarterConfigurationGenerator) - do not edit. */
package io.github.camelkeboola.springboot;

import java.util.Set;

import org.apache.camel.spring.boot.ComponentConfigurationPropertiesCommon;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Load data into Keboola Connection Storage tables, export tables, and consume their incremental changes.
 * <p>
 * Every option of the keboola component as a Spring Boot property under camel.component.keboola; one left unset
 * keeps the component's default.
 */
@ConfigurationProperties(prefix = "camel.component.keboola")
public class KeboolaComponentConfiguration extends ComponentConfigurationPropertiesCommon {

    /**
     * Types of the options given as bean references (#name or #bean:name).
     */
    static final Set<Class<?>> BEAN_REFERENCE_TYPES = Set.of(io.github.camelkeboola.component.KeboolaConfiguration.class, java.util.Map.class, org.apache.camel.spi.StateRepository.class);

    /**
     * Whether to enable auto configuration of the keboola component. This is enabled by default.
     */
    private Boolean enabled;

    /**
     * Development branch the endpoint works in: a branch id, or default for the project's default (production)
     * branch; checked (default: found) with GET dev-branches at the endpoint's first call. Set, every Storage
     * call of producers and consumer goes to /v2/storage/branch/{id}/... (Storage jobs stay project-wide) and
     * runJob runs its Queue job in that branch (branchId). Unset or empty: production, without branch paths.
     */
    private String branch;

    /**
     * Comma-separated columns: the columns exported, or the columns of an imported CSV that has no header row.
     */
    private String columns;

    /**
     * Component-wide defaults (stack URL, token, timeouts); each endpoint works on a copy. The option is a
     * io.github.camelkeboola.component.KeboolaConfiguration type, given as a bean reference such as #myBean.
     */
    private io.github.camelkeboola.component.KeboolaConfiguration configuration;

    /**
     * How exported rows reach the route: stream (CSV with a header row) or rows (Map per row). To write an
     * export to a file, send the stream to the file component. exportTable also offers slices: a List with one
     * Map per slice of the export, for workers that read each with operation=readSlice.
     */
    private io.github.camelkeboola.component.KeboolaOutputType outputType;

    /**
     * A multi-tenant Keboola stack by name: aws-us-east-1 (connection.keboola.com), gcp-us-east4,
     * aws-eu-central-1, azure-north-europe, gcp-europe-west3. Set, it replaces stackUrl; for a single-tenant
     * stack or the emulator set stackUrl instead.
     */
    private String stack;

    /**
     * URL of the Keboola stack (the Storage API base), such as https://connection.CUSTOMER.keboola.com
     * (single-tenant) or the emulator's; the stack option names a multi-tenant one instead.
     */
    private String stackUrl;

    /**
     * Column of the single-column row filter of an export (whereValues, whereOperator).
     */
    private String whereColumn;

    /**
     * Operator of the whereColumn filter: eq (value in whereValues) or ne (not in).
     */
    private String whereOperator;

    /**
     * Comma-separated values of the whereColumn filter.
     */
    private String whereValues;

    /**
     * Allows for bridging the consumer to the Camel routing Error Handler, which mean any exceptions (if
     * possible) occurred while the Camel consumer is trying to pickup incoming messages, or the likes, will now
     * be processed as a message and handled by the routing Error Handler. Important: This is only possible if
     * the 3rd party component allows Camel to be alerted if an exception was thrown. Some components handle this
     * internally only, and therefore bridgeErrorHandler is not possible. In other situations we may improve the
     * Camel component to hook into the 3rd party component and make this possible for future releases. By
     * default the consumer will use the org.apache.camel.spi.ExceptionHandler to deal with exceptions, that will
     * be logged at WARN or ERROR level and ignored.
     */
    private Boolean bridgeErrorHandler;

    /**
     * Where the first poll starts when no cursor is stored: epoch seconds, ISO-8601 or a relative expression
     * such as -2 days. Unset: the whole table first.
     */
    private String initialChangedSince;

    /**
     * With outputType=rows: at most this many rows (exchanges) per poll, one batch; the rest of the window
     * follows in the next polls, at once (without waiting for delay). 0 or less: the whole window in one batch,
     * with all its rows in memory.
     */
    private Integer maxMessagesPerPoll;

    /**
     * Where the consumer keeps its cursor (a StateRepository such as FileStateRepository). Without one the
     * cursor lives in memory and a restart replays the table. The option is a
     * org.apache.camel.spi.StateRepository type, given as a bean reference such as #myBean.
     */
    private org.apache.camel.spi.StateRepository<java.lang.String, java.lang.String> stateRepository;

    /**
     * Key of the cursor in the state repository. Defaults to the table id and the route id, so two consumers of
     * one table do not share a cursor.
     */
    private String stateKey;

    /**
     * Create a missing table from the imported CSV (tables-async) instead of failing.
     */
    private Boolean autoCreateTable;

    /**
     * Lower bound (inclusive) of the rows' change time for exportTable and previewTable: epoch seconds,
     * ISO-8601, or a relative expression such as -2 days. The consumer's cursor sets its own.
     */
    private String changedSince;

    /**
     * Upper bound (exclusive) of the rows' change time for exportTable and previewTable, in the same forms as
     * changedSince.
     */
    private String changedUntil;

    /**
     * Field delimiter of the imported CSV.
     */
    private String delimiter;

    /**
     * Enclosure (quote) character of the imported CSV.
     */
    private String enclosure;

    /**
     * Incremental import: rows are added (or upserted by the primary key) instead of replacing the table.
     */
    private Boolean incremental;

    /**
     * Whether the producer should be started lazy (on the first message). By starting lazy you can use this to
     * allow CamelContext and routes to startup in situations where a producer may otherwise fail during starting
     * and cause the route to fail being started. By deferring this startup to be lazy then the startup failure
     * can be handled during routing messages via Camel's routing error handlers. Beware that when the first
     * message is processed then creating and starting the producer may take a little time and prolong the total
     * processing time of the processing.
     */
    private Boolean lazyStartProducer;

    /**
     * Maximum number of rows exported (or previewed; preview allows at most 1000).
     */
    private Integer limit;

    /**
     * Map rows: a column missing from a row is written as an empty value. Off, such a row fails the import
     * before anything is uploaded, naming the row and the column (on an incremental upsert an empty value would
     * overwrite the stored one).
     */
    private Boolean missingColumnsAsEmpty;

    /**
     * The operation of the producer; the CamelKeboolaOperation header overrides it.
     */
    private io.github.camelkeboola.component.KeboolaOperation operation;

    /**
     * Comma-separated primary key columns, used when the import creates the table.
     */
    private String primaryKey;

    /**
     * The imported CSV has no header row; its columns are given by columns, or the table's columns in order.
     */
    private Boolean withoutHeaders;

    /**
     * Size in bytes of one part of a multipart upload (importTable); an upload holds at most two parts in
     * memory. S3 needs at least 5 MiB (smaller values are raised to it), GCS multiples of 256 KiB (rounded
     * down).
     */
    private Integer uploadPartSize;

    /**
     * Whether autowiring is enabled. This is used for automatic autowiring options (the option must be marked as
     * autowired) by looking up in the registry to find if there is a single instance of matching type, which
     * then gets configured on the component. This can be used for automatic configuring JDBC data sources, JMS
     * connection factories, AWS Clients, etc.
     */
    private Boolean autowiredEnabled;

    /**
     * Timeout to open a connection to the Storage API or file storage.
     */
    private java.time.Duration connectTimeout;

    /**
     * How many export slices are downloaded ahead in parallel.
     */
    private Integer downloadParallelism;

    /**
     * Override of the file storage endpoint (S3, Azure Blob or GCS base URL). By default the endpoint comes from
     * what the Storage API returns.
     */
    private String fileStorageEndpoint;

    /**
     * Longest pause between two polls of a running Storage job (polls start fast and back off to this).
     */
    private java.time.Duration jobPollMaxInterval;

    /**
     * How long to wait for a Storage job (import, export, create, delete; the consumer's exports) or a Queue job
     * (runJob) before failing.
     */
    private java.time.Duration jobTimeout;

    /**
     * How many times a failed call that is safe to repeat is retried (5xx except 501, 503 maintenance, network
     * errors).
     */
    private Integer maxRetries;

    /**
     * Timeout of one request (inactivity on the socket) to the Storage API or file storage.
     */
    private java.time.Duration requestTimeout;

    /**
     * First pause before a retry; it doubles with each retry (a 503's Retry-After wins).
     */
    private java.time.Duration retryInitialDelay;

    /**
     * Longest pause between two retries.
     */
    private java.time.Duration retryMaxDelay;

    /**
     * Used for enabling or disabling all consumer based health checks from this component
     */
    private Boolean healthCheckConsumerEnabled;

    /**
     * Used for enabling or disabling all producer based health checks from this component. Notice: Camel has by
     * default disabled all producer based health-checks. You can turn on producer checks globally by setting
     * camel.health.producersEnabled=true.
     */
    private Boolean healthCheckProducerEnabled;

    /**
     * Column metadata, each as columnMetadata.COLUMN.KEY=VALUE, such as
     * columnMetadata.id.KBC.datatype.basetype=INTEGER: set by importTable when it creates the table, and by
     * setMetadata, under metadataProvider. This is a multi-value option with prefix: columnMetadata. The option
     * is a java.util.Map type, given as a bean reference such as #myBean.
     */
    private java.util.Map<java.lang.String, java.lang.Object> columnMetadata;

    /**
     * The table's description (metadata KBC.description, provider user, as Keboola's UI writes it): set by
     * importTable when it creates the table, and by setMetadata.
     */
    private String description;

    /**
     * Provider the column metadata is written under (Keboola components write under their own id; user is what
     * Keboola's UI writes).
     */
    private String metadataProvider;

    /**
     * runJob: the component whose configuration runs, such as keboola.orchestrator or
     * keboola.snowflake-transformation.
     */
    private String componentId;

    /**
     * runJob: the configuration to run; the CamelKeboolaOverrideConfigId header overrides it.
     */
    private String configId;

    /**
     * runJob: comma-separated configuration rows to run (all rows when unset).
     */
    private String configRowIds;

    /**
     * runJob: a job that ends in warning fails the exchange like an error; off, its result is the body and a
     * warning is logged.
     */
    private Boolean failOnJobWarning;

    /**
     * runJob: run; forceRun (runs a disabled configuration too); debug (output kept in Storage files, no output
     * mapping).
     */
    private String mode;

    /**
     * runJob: variable values of the job (variableValuesData), each as variable.NAME=VALUE. This is a
     * multi-value option with prefix: variable. The option is a java.util.Map type, given as a bean reference
     * such as #myBean.
     */
    private java.util.Map<java.lang.String, java.lang.Object> variableValues;

    /**
     * Storage API token. Sent only to the stack URL, never to file storage, and masked in logs and URIs. A
     * secret: use a placeholder such as ${KEBOOLA_TOKEN} rather than a value in the file.
     */
    private String token;

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

    public io.github.camelkeboola.component.KeboolaConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(io.github.camelkeboola.component.KeboolaConfiguration configuration) {
        this.configuration = configuration;
    }

    public io.github.camelkeboola.component.KeboolaOutputType getOutputType() {
        return outputType;
    }

    public void setOutputType(io.github.camelkeboola.component.KeboolaOutputType outputType) {
        this.outputType = outputType;
    }

    public String getStack() {
        return stack;
    }

    public void setStack(String stack) {
        this.stack = stack;
    }

    public String getStackUrl() {
        return stackUrl;
    }

    public void setStackUrl(String stackUrl) {
        this.stackUrl = stackUrl;
    }

    public String getWhereColumn() {
        return whereColumn;
    }

    public void setWhereColumn(String whereColumn) {
        this.whereColumn = whereColumn;
    }

    public String getWhereOperator() {
        return whereOperator;
    }

    public void setWhereOperator(String whereOperator) {
        this.whereOperator = whereOperator;
    }

    public String getWhereValues() {
        return whereValues;
    }

    public void setWhereValues(String whereValues) {
        this.whereValues = whereValues;
    }

    public Boolean getBridgeErrorHandler() {
        return bridgeErrorHandler;
    }

    public void setBridgeErrorHandler(Boolean bridgeErrorHandler) {
        this.bridgeErrorHandler = bridgeErrorHandler;
    }

    public String getInitialChangedSince() {
        return initialChangedSince;
    }

    public void setInitialChangedSince(String initialChangedSince) {
        this.initialChangedSince = initialChangedSince;
    }

    public Integer getMaxMessagesPerPoll() {
        return maxMessagesPerPoll;
    }

    public void setMaxMessagesPerPoll(Integer maxMessagesPerPoll) {
        this.maxMessagesPerPoll = maxMessagesPerPoll;
    }

    public org.apache.camel.spi.StateRepository<java.lang.String, java.lang.String> getStateRepository() {
        return stateRepository;
    }

    public void setStateRepository(org.apache.camel.spi.StateRepository<java.lang.String, java.lang.String> stateRepository) {
        this.stateRepository = stateRepository;
    }

    public String getStateKey() {
        return stateKey;
    }

    public void setStateKey(String stateKey) {
        this.stateKey = stateKey;
    }

    public Boolean getAutoCreateTable() {
        return autoCreateTable;
    }

    public void setAutoCreateTable(Boolean autoCreateTable) {
        this.autoCreateTable = autoCreateTable;
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

    public Boolean getIncremental() {
        return incremental;
    }

    public void setIncremental(Boolean incremental) {
        this.incremental = incremental;
    }

    public Boolean getLazyStartProducer() {
        return lazyStartProducer;
    }

    public void setLazyStartProducer(Boolean lazyStartProducer) {
        this.lazyStartProducer = lazyStartProducer;
    }

    public Integer getLimit() {
        return limit;
    }

    public void setLimit(Integer limit) {
        this.limit = limit;
    }

    public Boolean getMissingColumnsAsEmpty() {
        return missingColumnsAsEmpty;
    }

    public void setMissingColumnsAsEmpty(Boolean missingColumnsAsEmpty) {
        this.missingColumnsAsEmpty = missingColumnsAsEmpty;
    }

    public io.github.camelkeboola.component.KeboolaOperation getOperation() {
        return operation;
    }

    public void setOperation(io.github.camelkeboola.component.KeboolaOperation operation) {
        this.operation = operation;
    }

    public String getPrimaryKey() {
        return primaryKey;
    }

    public void setPrimaryKey(String primaryKey) {
        this.primaryKey = primaryKey;
    }

    public Boolean getWithoutHeaders() {
        return withoutHeaders;
    }

    public void setWithoutHeaders(Boolean withoutHeaders) {
        this.withoutHeaders = withoutHeaders;
    }

    public Integer getUploadPartSize() {
        return uploadPartSize;
    }

    public void setUploadPartSize(Integer uploadPartSize) {
        this.uploadPartSize = uploadPartSize;
    }

    public Boolean getAutowiredEnabled() {
        return autowiredEnabled;
    }

    public void setAutowiredEnabled(Boolean autowiredEnabled) {
        this.autowiredEnabled = autowiredEnabled;
    }

    public java.time.Duration getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(java.time.Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public Integer getDownloadParallelism() {
        return downloadParallelism;
    }

    public void setDownloadParallelism(Integer downloadParallelism) {
        this.downloadParallelism = downloadParallelism;
    }

    public String getFileStorageEndpoint() {
        return fileStorageEndpoint;
    }

    public void setFileStorageEndpoint(String fileStorageEndpoint) {
        this.fileStorageEndpoint = fileStorageEndpoint;
    }

    public java.time.Duration getJobPollMaxInterval() {
        return jobPollMaxInterval;
    }

    public void setJobPollMaxInterval(java.time.Duration jobPollMaxInterval) {
        this.jobPollMaxInterval = jobPollMaxInterval;
    }

    public java.time.Duration getJobTimeout() {
        return jobTimeout;
    }

    public void setJobTimeout(java.time.Duration jobTimeout) {
        this.jobTimeout = jobTimeout;
    }

    public Integer getMaxRetries() {
        return maxRetries;
    }

    public void setMaxRetries(Integer maxRetries) {
        this.maxRetries = maxRetries;
    }

    public java.time.Duration getRequestTimeout() {
        return requestTimeout;
    }

    public void setRequestTimeout(java.time.Duration requestTimeout) {
        this.requestTimeout = requestTimeout;
    }

    public java.time.Duration getRetryInitialDelay() {
        return retryInitialDelay;
    }

    public void setRetryInitialDelay(java.time.Duration retryInitialDelay) {
        this.retryInitialDelay = retryInitialDelay;
    }

    public java.time.Duration getRetryMaxDelay() {
        return retryMaxDelay;
    }

    public void setRetryMaxDelay(java.time.Duration retryMaxDelay) {
        this.retryMaxDelay = retryMaxDelay;
    }

    public Boolean getHealthCheckConsumerEnabled() {
        return healthCheckConsumerEnabled;
    }

    public void setHealthCheckConsumerEnabled(Boolean healthCheckConsumerEnabled) {
        this.healthCheckConsumerEnabled = healthCheckConsumerEnabled;
    }

    public Boolean getHealthCheckProducerEnabled() {
        return healthCheckProducerEnabled;
    }

    public void setHealthCheckProducerEnabled(Boolean healthCheckProducerEnabled) {
        this.healthCheckProducerEnabled = healthCheckProducerEnabled;
    }

    public java.util.Map<java.lang.String, java.lang.Object> getColumnMetadata() {
        return columnMetadata;
    }

    public void setColumnMetadata(java.util.Map<java.lang.String, java.lang.Object> columnMetadata) {
        this.columnMetadata = columnMetadata;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public String getMetadataProvider() {
        return metadataProvider;
    }

    public void setMetadataProvider(String metadataProvider) {
        this.metadataProvider = metadataProvider;
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

    public Boolean getFailOnJobWarning() {
        return failOnJobWarning;
    }

    public void setFailOnJobWarning(Boolean failOnJobWarning) {
        this.failOnJobWarning = failOnJobWarning;
    }

    public String getMode() {
        return mode;
    }

    public void setMode(String mode) {
        this.mode = mode;
    }

    public java.util.Map<java.lang.String, java.lang.Object> getVariableValues() {
        return variableValues;
    }

    public void setVariableValues(java.util.Map<java.lang.String, java.lang.Object> variableValues) {
        this.variableValues = variableValues;
    }

    public String getToken() {
        return token;
    }

    public void setToken(String token) {
        this.token = token;
    }
}
