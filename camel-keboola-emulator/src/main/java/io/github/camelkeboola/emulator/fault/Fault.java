package io.github.camelkeboola.emulator.fault;

import java.time.Duration;
import java.util.Objects;

/**
 * One misbehaviour the emulator can be told to show, for reliability tests.
 *
 * @param kind        what happens
 * @param status      HTTP status for {@link Kind#STATUS} and {@link Kind#ACCEPT_THEN_STATUS}
 * @param duration    {@code Retry-After} for {@link Kind#MAINTENANCE}, the pause for {@link Kind#DELAY}
 * @param afterBytes  bytes of the body sent before the connection is cut, for {@link Kind#CUT_BODY}
 * @param errorCode   job error code for {@link Kind#FAIL_JOB}
 * @param message     job error message for {@link Kind#FAIL_JOB}
 */
public record Fault(Kind kind, int status, Duration duration, long afterBytes, String errorCode, String message) {

    public enum Kind {
        /** Answer with an error status (500, 502, 504, ...) and a Keboola error body. */
        STATUS,
        /** Answer with an error status and a gateway's HTML page instead of a Keboola error body; nothing is done. */
        GATEWAY_PAGE,
        /** Answer 503 with {@code Retry-After} and the maintenance body. */
        MAINTENANCE,
        /** Wait before handling the request normally. */
        DELAY,
        /** Send the response head and part of the body, then close the connection. */
        CUT_BODY,
        /** Accept the request that creates a job, and let that job end in {@code error}. */
        FAIL_JOB,
        /**
         * Handle the request in full (a job-creating call creates its job), then answer with an error status in place
         * of the real answer, as a gateway does whose upstream answered too late (504) or broke off (502).
         */
        ACCEPT_THEN_STATUS
    }

    public Fault {
        Objects.requireNonNull(kind, "kind");
        duration = duration == null ? Duration.ZERO : duration;
    }

    /** Answer {@code status} with a gateway's (nginx) HTML page, without handling the request. */
    public static Fault gatewayPage(int status) {
        return new Fault(Kind.GATEWAY_PAGE, status, null, 0, null, null);
    }

    public static Fault status(int status) {
        return new Fault(Kind.STATUS, status, null, 0, null, null);
    }

    public static Fault maintenance(Duration retryAfter) {
        return new Fault(Kind.MAINTENANCE, 503, retryAfter, 0, null, null);
    }

    public static Fault delay(Duration delay) {
        return new Fault(Kind.DELAY, 0, delay, 0, null, null);
    }

    public static Fault cutBody(long afterBytes) {
        return new Fault(Kind.CUT_BODY, 0, null, afterBytes, null, null);
    }

    public static Fault failJob(String errorCode, String message) {
        return new Fault(Kind.FAIL_JOB, 0, null, 0, errorCode, message);
    }

    /** The request takes effect, and the caller gets {@code status} (a gateway's 502 or 504) instead of its answer. */
    public static Fault acceptThenStatus(int status) {
        return new Fault(Kind.ACCEPT_THEN_STATUS, status, null, 0, null, null);
    }
}
