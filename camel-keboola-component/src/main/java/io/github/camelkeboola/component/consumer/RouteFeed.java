package io.github.camelkeboola.component.consumer;

import org.apache.camel.Exchange;

import java.util.Queue;

/** What a delivery needs of its consumer: exchanges of a window, and processing one batch of them. */
interface RouteFeed {

    /** An exchange of {@code run} carrying {@code body}, with the window's headers and its completion callback. */
    Exchange exchange(WindowRun run, Object body, String changeKey);

    /** Routes a batch of exchanges; returns how many were processed. */
    int process(Queue<Object> batch) throws Exception;
}
