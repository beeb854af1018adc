package io.github.camelkeboola.component;

import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.HttpResponseAware;

import java.util.StringJoiner;

/**
 * Any failure of a {@code keboola:} endpoint: an HTTP error of the Storage API or the file storage, a failed
 * Storage job, a job that timed out, or input the component cannot send. Carries what identifies the failure,
 * never the token.
 */
public class KeboolaException extends RuntimeCamelException implements HttpResponseAware {

    private int httpStatusCode;
    private final String errorCode;
    private final String exceptionId;
    private final String tableId;
    private final Long jobId;

    public KeboolaException(String message, int httpStatusCode, String errorCode, String exceptionId,
                            String tableId, Long jobId, Throwable cause) {
        super(describe(message, httpStatusCode, errorCode, exceptionId, tableId, jobId), cause);
        this.httpStatusCode = httpStatusCode;
        this.errorCode = errorCode;
        this.exceptionId = exceptionId;
        this.tableId = tableId;
        this.jobId = jobId;
    }

    public KeboolaException(String message, String tableId, Throwable cause) {
        this(message, 0, null, null, tableId, null, cause);
    }

    private static String describe(String message, int status, String code, String exceptionId, String tableId, Long jobId) {
        StringJoiner details = new StringJoiner(", ", " [", "]").setEmptyValue("");
        if (status > 0) {
            details.add("HTTP " + status);
        }
        if (code != null && !code.isEmpty()) {
            details.add("code=" + code);
        }
        if (exceptionId != null && !exceptionId.isEmpty()) {
            details.add("exceptionId=" + exceptionId);
        }
        if (tableId != null) {
            details.add("table=" + tableId);
        }
        if (jobId != null) {
            details.add("job=" + jobId);
        }
        return message + details;
    }

    /** HTTP status of the failed call; 0 when the failure was not an HTTP answer (a failed job, bad input, I/O). */
    @Override
    public int getHttpResponseCode() {
        return httpStatusCode;
    }

    @Override
    public void setHttpResponseCode(int code) {
        this.httpStatusCode = code;
    }

    @Override
    public String getHttpResponseStatus() {
        return null;
    }

    @Override
    public void setHttpResponseStatus(String status) {
        // the status line text carries nothing the error code and message do not
    }

    /** Keboola's error code, such as {@code storage.tables.notFound} or {@code csvImport.columnsNotMatch}. */
    public String getErrorCode() {
        return errorCode;
    }

    /** Keboola's {@code exceptionId}, the reference Keboola support asks for. */
    public String getExceptionId() {
        return exceptionId;
    }

    public String getTableId() {
        return tableId;
    }

    public Long getJobId() {
        return jobId;
    }
}
