package io.github.camelkeboola.component.consumer;

import io.github.camelkeboola.component.KeboolaConstants;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** What a test route received: one entry per exchange, with the headers the consumer set. */
final class Delivered implements Processor {

    record Delivery(Object body, String tableId, String since, String until, Long jobId, String changeKey,
                    Integer batchSize) {
        @SuppressWarnings("unchecked")
        Map<String, String> row() {
            return (Map<String, String>) body;
        }
    }

    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();

    @Override
    public void process(Exchange exchange) {
        Object body = exchange.getIn().getBody();
        if (!(body instanceof Map)) {
            body = exchange.getIn().getBody(String.class);
        }
        deliveries.add(new Delivery(body,
                exchange.getIn().getHeader(KeboolaConstants.TABLE_ID, String.class),
                exchange.getIn().getHeader(KeboolaConstants.CHANGED_SINCE, String.class),
                exchange.getIn().getHeader("CamelKeboolaChangedUntil", String.class), // no longer written: a window has no upper bound
                exchange.getIn().getHeader(KeboolaConstants.JOB_ID, Long.class),
                exchange.getIn().getHeader(KeboolaConstants.CHANGE_KEY, String.class),
                exchange.getProperty(Exchange.BATCH_SIZE, Integer.class)));
    }

    List<Delivery> all() {
        return new ArrayList<>(deliveries);
    }

    int size() {
        return deliveries.size();
    }

    /** The distinct rows delivered, as {@code id=status} strings, sorted. */
    java.util.SortedSet<String> distinctRows() {
        return new java.util.TreeSet<>(rows());
    }

    /** The rows delivered, as {@code id=status} strings, in delivery order. */
    List<String> rows() {
        return deliveries.stream().map(d -> d.row().get("id") + "=" + d.row().get("status")).toList();
    }
}
