package io.github.camelkeboola.component.consumer;

import java.time.Instant;

/** What the developer console shows of one consumer: its last poll, window, export job and cursor commit. */
final class ConsumerStatus {

    private volatile Instant lastPollTime;
    private volatile String lastPollOutcome;
    private volatile ChangeWindow lastWindow;
    private volatile Long lastJobId;
    private volatile Instant lastCommitTime;

    void pollStarted() {
        lastPollTime = Instant.now();
    }

    void outcome(String outcome) {
        lastPollOutcome = outcome;
    }

    void exported(ChangeWindow window, long jobId) {
        lastWindow = window;
        lastJobId = jobId;
    }

    void committed() {
        lastCommitTime = Instant.now();
    }

    Instant lastPollTime() {
        return lastPollTime;
    }

    String lastPollOutcome() {
        return lastPollOutcome;
    }

    String lastWindow() {
        ChangeWindow window = lastWindow;
        return window == null ? null : window.describe();
    }

    Long lastJobId() {
        return lastJobId;
    }

    Instant lastCommitTime() {
        return lastCommitTime;
    }
}
