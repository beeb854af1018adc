package io.github.camelkeboola.component;

import org.apache.camel.spi.Metadata;

/**
 * Message headers of the {@code keboola:} component. A header is either an input (read by the producer) or an
 * output (written by the producer or the consumer), never both: an output of one {@code keboola:} step must not steer
 * the next one (as aws2-s3 and google-storage split their bucket headers in Camel 4.10, CAMEL-21680/21682). An input
 * whose meaning an output also reports is named {@code CamelKeboolaOverride...}; like camel-kafka's override topic it
 * applies to the next {@code keboola:} producer only, which removes it from the message once its step succeeded (a
 * failed step keeps it, so a redelivery goes to the same table).
 */
public final class KeboolaConstants {

    // --- inputs ---------------------------------------------------------------------------------------------------

    @Metadata(label = "producer", description = "In: the operation to perform; overrides the endpoint's operation option.",
              javaType = "io.github.camelkeboola.component.KeboolaOperation")
    public static final String OPERATION = "CamelKeboolaOperation";

    @Metadata(label = "producer",
              description = "In: the table id (for example in.c-main.orders) to use instead of the endpoint path;"
                            + " removed from the message by the next keboola producer step.",
              javaType = "String")
    public static final String OVERRIDE_TABLE_ID = "CamelKeboolaOverrideTableId";

    @Metadata(label = "producer",
              description = "In: the job id getJob (a Storage job) or getQueueJob (a Queue job) reads; removed from the message by the next keboola producer step.",
              javaType = "Long")
    public static final String OVERRIDE_JOB_ID = "CamelKeboolaOverrideJobId";

    @Metadata(label = "producer", description = "In: whether an import is incremental; overrides the incremental option.",
              javaType = "Boolean")
    public static final String INCREMENTAL = "CamelKeboolaIncremental";

    @Metadata(label = "producer",
              description = "In: comma-separated column names (or a collection): the columns of an export or a preview,"
                            + " or of an imported CSV; overrides the columns option.",
              javaType = "String")
    public static final String COLUMNS = "CamelKeboolaColumns";

    @Metadata(label = "producer",
              description = "In: lower bound (inclusive) of the rows' change time for exportTable and previewTable:"
                            + " epoch seconds, ISO-8601, a relative expression such as -2 days, or an Instant;"
                            + " overrides the changedSince option; removed from the message by the next keboola producer step.",
              javaType = "String")
    public static final String OVERRIDE_CHANGED_SINCE = "CamelKeboolaOverrideChangedSince";

    @Metadata(label = "producer",
              description = "In: upper bound (exclusive) of the rows' change time for exportTable and previewTable, in the"
                            + " same forms; overrides the changedUntil option; removed from the message by the next keboola"
                            + " producer step.",
              javaType = "String")
    public static final String OVERRIDE_CHANGED_UNTIL = "CamelKeboolaOverrideChangedUntil";

    @Metadata(label = "producer",
              description = "In: the configuration runJob runs instead of the configId option; removed from the message by"
                            + " the next keboola producer step.",
              javaType = "String")
    public static final String OVERRIDE_CONFIG_ID = "CamelKeboolaOverrideConfigId";

    @Metadata(label = "producer",
              description = "In: the name of the slice uploadSlice stores (letters, digits, dot, dash, underscore; at most"
                            + " 100); a new unique name when absent. Uploading a name again replaces that slice.",
              javaType = "String")
    public static final String SLICE_NAME = "CamelKeboolaSliceName";

    /**
     * The one header that is both: the handle of one sliced load, written by {@code prepareSlicedFile} and read by
     * {@code uploadSlice} and {@code importSlicedFile} (only they read it, so no other step is steered by it). JMS and
     * Kafka do not carry {@code Camel*} headers: a route copies it into the work message it sends to workers.
     */
    @Metadata(label = "producer",
              description = "In and out: the sliced file of a load spread over workers. prepareSlicedFile writes it;"
                            + " uploadSlice uploads a slice into it; importSlicedFile (which also finds it in the slices"
                            + " of its body) writes its manifest and imports it.",
              javaType = "Long")
    public static final String SLICED_FILE_ID = "CamelKeboolaSlicedFileId";

    /**
     * Storage gives a file's upload credentials once, with {@code files/prepare}, and refreshes them only for files on
     * GCS (APIB "Refresh File Credentials"): on AWS and Azure a worker in another JVM can upload a slice only with
     * the parameters prepareSlicedFile got, so they travel with the work, the one credential that does.
     */
    @Metadata(label = "producer",
              description = "In and out: the upload parameters of the sliced file (the files/prepare answer as JSON text,"
                            + " with credentials for that file only, valid about 12 h). prepareSlicedFile writes it; uploadSlice"
                            + " and importSlicedFile in another JVM need it on AWS and Azure stacks, where Storage does not"
                            + " refresh upload credentials (on GCS they refresh them with PUT files/{id}/refresh). A secret:"
                            + " carry it over an authenticated, encrypted broker and never log it.",
              javaType = "String", secret = true)
    public static final String SLICED_FILE_UPLOAD = "CamelKeboolaSlicedFileUpload";

    // --- outputs --------------------------------------------------------------------------------------------------

    @Metadata(description = "Out: the table the step worked on (producer) or whose changes are delivered (consumer).",
              javaType = "String")
    public static final String TABLE_ID = "CamelKeboolaTableId";

    @Metadata(description = "Out: the Storage job the producer ran (import, export, delete) or read (getJob), the"
                            + " Queue job it ran (runJob) or read (getQueueJob), or the export job of the consumer's window.",
              javaType = "Long")
    public static final String JOB_ID = "CamelKeboolaJobId";

    @Metadata(label = "producer",
              description = "Out: the status of the Queue job runJob ran or getQueueJob read: success, warning, error,"
                            + " terminated, cancelled, or (getQueueJob) created, waiting, processing, terminating.",
              javaType = "String")
    public static final String JOB_STATUS = "CamelKeboolaJobStatus";

    @Metadata(description = "Out: the Storage file id: the uploaded file of an import, the exported file of an export or"
                            + " of the consumer's window.",
              javaType = "Long")
    public static final String FILE_ID = "CamelKeboolaFileId";

    @Metadata(label = "consumer",
              description = "Out: the delivered window's lower bound (inclusive), ISO-8601 UTC; absent for a first read of"
                            + " the whole table.",
              javaType = "String")
    public static final String CHANGED_SINCE = "CamelKeboolaChangedSince";

    @Metadata(label = "consumer", description = "Out: a stable key of the delivered change, for the Idempotent Consumer EIP.",
              javaType = "String")
    public static final String CHANGE_KEY = "CamelKeboolaChangeKey";

    /**
     * Exchange property (not a header): what an import of this exchange has done so far (the file it uploaded, the
     * runId it sent, the job it was accepted as). A redelivery of the same exchange with the same body to the same
     * table continues from there: it waits for that job instead of importing twice. Removed when the import
     * succeeds; remove it to make the exchange import afresh.
     */
    public static final String IMPORT_ATTEMPT = "CamelKeboolaImportAttempt";

    /**
     * Exchange property (not a header): the one-shot body (an {@code InputStream}, {@code Reader} or
     * {@code Iterator}) an import of this exchange has read, so that a redelivery never uploads what is left of it.
     */
    public static final String IMPORT_READ_BODY = "CamelKeboolaImportReadBody";

    /**
     * Exchange property (not a header): the deletion job a {@code deleteTable} of this exchange was accepted as, while
     * it is waited for. A redelivery to the same table waits for that job instead of deleting again (the second
     * DELETE would find the table gone and answer 404). Removed when the job has ended.
     */
    public static final String DELETE_JOB = "CamelKeboolaDeleteJob";

    private KeboolaConstants() {
    }
}
