package io.github.camelkeboola.component.consumer;

import org.apache.camel.spi.annotations.DevConsole;
import org.apache.camel.support.console.AbstractDevConsole;
import org.apache.camel.util.json.JsonArray;
import org.apache.camel.util.json.JsonObject;

import java.time.Instant;
import java.util.Map;

/** Developer console of the {@code keboola:} consumers: per route, the table, its cursor, the last poll and export. */
@DevConsole(name = "keboola", displayName = "Keboola",
            description = "Keboola table consumers: cursor, last poll, last window and export job")
public class KeboolaConsumerDevConsole extends AbstractDevConsole {

    public KeboolaConsumerDevConsole() {
        super("camel", "keboola", "Keboola", "Keboola table consumers: cursor, last poll, last window and export job");
    }

    @Override
    protected String doCallText(Map<String, Object> options) {
        StringBuilder text = new StringBuilder();
        for (KeboolaConsumer consumer : KeboolaConsumer.started(getCamelContext())) {
            Long cursor = consumer.getCursor();
            text.append(String.format("Route: %s (%s)%n", consumer.getRouteIdInUse(), consumer.getStatus()));
            text.append(String.format("    Table: %s%n", consumer.getTableId()));
            text.append(String.format("    Cursor: %s (key %s%s)%n", cursor == null ? "none" : ChangeWindow.iso(cursor),
                    consumer.getStateKeyInUse(), consumer.isStateRepositoryInMemory() ? ", in memory" : ""));
            text.append(String.format("    Last poll: %s: %s%n", orNone(consumer.getLastPollTime()),
                    orNone(consumer.getLastPollOutcome())));
            text.append(String.format("    Last window: %s, export job %s%n", orNone(consumer.getLastWindow()),
                    orNone(consumer.getLastJobId())));
            text.append(String.format("    Last cursor commit: %s%n", orNone(consumer.getLastCommitTime())));
        }
        return text.toString();
    }

    @Override
    protected Map<String, Object> doCallJson(Map<String, Object> options) {
        JsonArray consumers = new JsonArray();
        for (KeboolaConsumer consumer : KeboolaConsumer.started(getCamelContext())) {
            JsonObject json = new JsonObject();
            json.put("routeId", consumer.getRouteIdInUse());
            json.put("status", consumer.getStatus().name());
            json.put("tableId", consumer.getTableId());
            json.put("stateKey", consumer.getStateKeyInUse());
            json.put("stateInMemory", consumer.isStateRepositoryInMemory());
            Long cursor = consumer.getCursor();
            json.put("cursor", cursor);
            json.put("cursorTime", ChangeWindow.iso(cursor));
            json.put("lastPollTime", string(consumer.getLastPollTime()));
            json.put("lastPollOutcome", consumer.getLastPollOutcome());
            json.put("lastWindow", consumer.getLastWindow());
            json.put("lastJobId", consumer.getLastJobId());
            json.put("lastCommitTime", string(consumer.getLastCommitTime()));
            consumers.add(json);
        }
        JsonObject root = new JsonObject();
        root.put("consumers", consumers);
        return root;
    }

    private static String string(Instant time) {
        return time == null ? null : time.toString();
    }

    private static Object orNone(Object value) {
        return value == null ? "none" : value;
    }
}
