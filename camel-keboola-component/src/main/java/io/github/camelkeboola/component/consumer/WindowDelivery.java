package io.github.camelkeboola.component.consumer;

/** Hands an exported window to the route: {@link StreamDelivery} or {@link RowsDelivery}. */
interface WindowDelivery {

    /** Delivers (the next part of) the window; returns how many exchanges were processed. */
    int deliver(WindowRun run) throws Exception;

    /** Frees what the current window holds open (a poll failed, a new window starts, the consumer stops). */
    void release();
}
