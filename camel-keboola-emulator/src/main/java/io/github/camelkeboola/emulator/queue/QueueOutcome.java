package io.github.camelkeboola.emulator.queue;

import java.time.Duration;
import java.util.Objects;

/**
 * How the next emulated Queue job (of a component and configuration, or any) ends: its final status, its
 * {@code result.message}, how long it runs, and what it does to the project before it ends.
 * <pre>emulator.queue().next(QueueOutcome.error("Table in.c-main.x not found").after(Duration.ofSeconds(2)));</pre>
 * {@code terminated} ends the job as a kill does; a job that runs long can also be killed
 * ({@code POST /queue/jobs/{id}/kill}) while it runs.
 *
 * @param status     {@code success}, {@code warning}, {@code error} or {@code terminated}
 * @param message    the job's {@code result.message}
 * @param duration   how long the job is {@code processing}
 * @param effect     run when the job ends, before its status is final (what the component writes to Storage); may be null
 * @param componentId only jobs of this component take the outcome (null: any)
 * @param configId   only jobs of this configuration take it (null: any)
 */
public record QueueOutcome(String status, String message, Duration duration, Effect effect, String componentId,
                           String configId) {

    /** What a job does to the project when it runs, such as writing its output table. */
    @FunctionalInterface
    public interface Effect {
        void run(QueueJob job) throws Exception;
    }

    public QueueOutcome {
        Objects.requireNonNull(status, "status");
        if (!QueueJob.FINAL_STATUSES.contains(status)) {
            throw new IllegalArgumentException("A Queue job outcome is one of success, warning, error, terminated; got " + status);
        }
        duration = duration == null || duration.isNegative() ? Duration.ZERO : duration;
    }

    public static QueueOutcome success() {
        return new QueueOutcome("success", null, Duration.ZERO, null, null, null);
    }

    public static QueueOutcome warning(String message) {
        return new QueueOutcome("warning", message, Duration.ZERO, null, null, null);
    }

    public static QueueOutcome error(String message) {
        return new QueueOutcome("error", message, Duration.ZERO, null, null, null);
    }

    public static QueueOutcome terminated() {
        return new QueueOutcome("terminated", null, Duration.ZERO, null, null, null);
    }

    public QueueOutcome after(Duration duration) {
        return new QueueOutcome(status, message, duration, effect, componentId, configId);
    }

    public QueueOutcome doing(Effect effect) {
        return new QueueOutcome(status, message, duration, effect, componentId, configId);
    }

    /** Only for jobs of this component and (null: any) configuration. */
    public QueueOutcome forConfig(String componentId, String configId) {
        return new QueueOutcome(status, message, duration, effect, componentId, configId);
    }

    boolean matches(String component, String config) {
        return (componentId == null || componentId.equals(component)) && (configId == null || configId.equals(config));
    }
}
