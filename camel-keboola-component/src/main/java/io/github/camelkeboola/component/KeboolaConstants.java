package io.github.camelkeboola.component;

import org.apache.camel.spi.Metadata;

/** Message headers of the {@code keboola:} component. A header overrides the endpoint option of the same meaning. */
public final class KeboolaConstants {

    @Metadata(label = "producer", description = "The operation to perform; overrides the endpoint's operation.",
              javaType = "io.github.camelkeboola.component.KeboolaOperation")
    public static final String OPERATION = "CamelKeboolaOperation";

    @Metadata(description = "The table id (for example in.c-main.orders); overrides the endpoint path on the producer.",
              javaType = "String")
    public static final String TABLE_ID = "CamelKeboolaTableId";

    @Metadata(description = "The Storage job id: the job an operation ran, or the job getJob reads.", javaType = "Long")
    public static final String JOB_ID = "CamelKeboolaJobId";

    @Metadata(description = "The Storage file id: the uploaded file of an import, the exported file of an export.",
              javaType = "Long")
    public static final String FILE_ID = "CamelKeboolaFileId";

    @Metadata(label = "producer", description = "Whether an import is incremental; overrides the incremental option.",
              javaType = "Boolean")
    public static final String INCREMENTAL = "CamelKeboolaIncremental";

    @Metadata(description = "Lower bound (inclusive) of the rows' change time: epoch seconds, ISO-8601, a relative"
                            + " expression such as -2 days, or an Instant. On the consumer: the window's lower bound.",
              javaType = "String")
    public static final String CHANGED_SINCE = "CamelKeboolaChangedSince";

    @Metadata(description = "Upper bound (exclusive) of the rows' change time, in the same forms as changedSince."
                            + " On the consumer: the window's upper bound.",
              javaType = "String")
    public static final String CHANGED_UNTIL = "CamelKeboolaChangedUntil";

    @Metadata(description = "Comma-separated column names: the export's columns, or the columns of an imported CSV.",
              javaType = "String")
    public static final String COLUMNS = "CamelKeboolaColumns";

    @Metadata(label = "consumer", description = "A stable key of the delivered change, for the Idempotent Consumer EIP.",
              javaType = "String")
    public static final String CHANGE_KEY = "CamelKeboolaChangeKey";

    /**
     * Exchange property (not a header): the table id a {@code keboola:} endpoint last wrote into {@link #TABLE_ID}.
     * A header still holding that value describes the previous step's table, so a later producer does not take it as
     * an override: export table A, then {@code to("keboola:B")} loads B, not A.
     */
    public static final String TABLE_ID_WRITTEN = "CamelKeboolaTableIdWritten";

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

    private KeboolaConstants() {
    }
}
