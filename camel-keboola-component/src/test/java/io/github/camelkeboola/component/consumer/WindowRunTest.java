package io.github.camelkeboola.component.consumer;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WindowRunTest {

    private final WindowRun run = new WindowRun(new ChangeWindow(1L, new TableMark(1L, 1L, 1)), null);

    @Test
    void commitsOnlyWhenTheLastBatchCompletedSuccessfully() {
        run.handOut(2, 2, false);
        assertFalse(run.exchangeDone(true));
        assertFalse(run.exchangeDone(true), "more rows of the window follow");
        assertTrue(run.hasMore());
        run.handOut(2, 2, true);
        assertFalse(run.exchangeDone(true));
        assertTrue(run.exchangeDone(true), "last exchange of the last batch commits");
        assertFalse(run.hasMore());
    }

    @Test
    void lastBatchHandedOutDoesNotCommitBeforeItsExchangesComplete() {
        run.handOut(2, 2, true);
        assertFalse(run.exchangeDone(true), "one exchange still outstanding");
        assertTrue(run.inFlight());
    }

    @Test
    void oneFailureAbandonsTheWindow() {
        run.handOut(3, 3, true);
        assertFalse(run.exchangeDone(false));
        assertFalse(run.exchangeDone(true));
        assertFalse(run.exchangeDone(true));
        assertFalse(run.hasMore());
        assertTrue(run.isFailed());
    }

    @Test
    void exchangesNeverProcessedDoNotKeepTheWindowInFlight() {
        run.handOut(3, 3, true);
        assertFalse(run.exchangeDone(true));
        run.abandon(2);
        assertFalse(run.inFlight());
        assertFalse(run.hasMore());
    }

    @Test
    void emptyWindowCommitsOnce() {
        assertTrue(run.finishIfIdle());
        assertFalse(run.finishIfIdle());
    }
}
