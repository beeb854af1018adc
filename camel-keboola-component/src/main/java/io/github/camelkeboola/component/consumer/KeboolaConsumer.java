package io.github.camelkeboola.component.consumer;

import io.github.camelkeboola.component.KeboolaConfiguration;
import io.github.camelkeboola.component.KeboolaConstants;
import io.github.camelkeboola.component.KeboolaEndpoint;
import io.github.camelkeboola.component.KeboolaOutputType;
import io.github.camelkeboola.component.export.TableExport;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.Route;
import org.apache.camel.spi.StateRepository;
import org.apache.camel.support.ScheduledBatchPollingConsumer;
import org.apache.camel.support.processor.state.MemoryStateRepository;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.util.ObjectHelper;
import org.apache.camel.util.URISupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Polls a table and delivers the rows that changed since its cursor. Each poll either goes on with the window being
 * delivered or lets the {@link WindowChooser} read the table detail and export the next one; a {@link StreamDelivery}
 * or {@link RowsDelivery} hands it to the route, and {@link WindowCommit} stores the cursor once all of it completed.
 */
public class KeboolaConsumer extends ScheduledBatchPollingConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(KeboolaConsumer.class);
    // started consumers, for the dev console: one started by master: is not the consumer of any route
    private static final Set<KeboolaConsumer> STARTED = ConcurrentHashMap.newKeySet();

    private final KeboolaEndpoint endpoint;
    private final KeboolaConfiguration configuration;
    private final String tableId;
    private final ConsumerStatus status = new ConsumerStatus();

    private StateRepository<String, String> stateRepository;
    private boolean stateRepositoryStartedHere;
    private ChangeCursor cursor;
    private String routeId;
    private WindowChooser chooser;
    private WindowCommit commit;
    private WindowDelivery delivery;
    // the window being delivered; rows output may hand it out over several polls
    private volatile WindowRun current;

    public KeboolaConsumer(KeboolaEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
        this.configuration = endpoint.getConfiguration();
        this.tableId = configuration.getTableId();
    }

    @Override
    public KeboolaEndpoint getEndpoint() {
        return endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        validateOptions();
        setMaxMessagesPerPoll(configuration.getMaxMessagesPerPoll());
        stateRepository = configuration.getStateRepository();
        if (stateRepository == null) {
            stateRepository = new MemoryStateRepository();
            LOG.warn("Consumer of table {} keeps its cursor in memory: a restart reads the table again from the start"
                     + " (or initialChangedSince). Set stateRepository (such as a FileStateRepository) to keep it.",
                    tableId);
        }
        // a repository started here is also stopped here, so a standby that takes over later loads it afresh
        stateRepositoryStartedHere = !ServiceHelper.isStarted(stateRepository);
        ServiceHelper.startService(stateRepository);
        routeId = findRouteId();
        cursor = new ChangeCursor(stateRepository, stateKey(), tableId);
        chooser = new WindowChooser(tableId, configuration, endpoint.getStorageApi(),
                new TableExport(endpoint.getStorageApi(), endpoint.getFileTransfer()), cursor, status, this::isRunAllowed);
        commit = new WindowCommit(tableId, cursor, status);
        RouteFeed feed = new Feed();
        delivery = configuration.getOutputType() == KeboolaOutputType.rows
                ? new RowsDelivery(tableId, feed, commit, status, getMaxMessagesPerPoll())
                : new StreamDelivery(tableId, feed, commit, status);
        CursorState state = cursor.read();
        LOG.info("Consuming changes of table {} from {} (key {})", tableId,
                state == null ? "the start" : ChangeCursor.format(state), cursor.key());
        super.doStart();
        STARTED.add(this);
    }

    /** The started consumers of a Camel context. */
    static List<KeboolaConsumer> started(CamelContext context) {
        return STARTED.stream().filter(c -> c.endpoint.getCamelContext() == context).toList();
    }

    @Override
    protected void doStop() throws Exception {
        STARTED.remove(this);
        super.doStop();
        WindowRun run = current;
        if (run != null) {
            run.abandon(0);
            current = null;
        }
        if (delivery != null) {
            delivery.release();
        }
        if (stateRepositoryStartedHere) {
            ServiceHelper.stopService(stateRepository);
        }
    }

    private void validateOptions() {
        ObjectHelper.notNull(tableId, "tableId (the endpoint path, such as keboola:in.c-main.orders)");
        if (configuration.getLimit() != null) {
            throw new IllegalArgumentException("limit does not apply to the consumer of " + tableId
                                               + ": each window of changes is read whole");
        }
        if (configuration.getChangedSince() != null || configuration.getChangedUntil() != null) {
            throw new IllegalArgumentException("changedSince and changedUntil do not apply to the consumer of " + tableId
                                               + ": its cursor decides the window; use initialChangedSince for the first poll");
        }
    }

    /** The key of the cursor: the configured one, or table id and route id, so two routes on one table do not collide. */
    private String stateKey() {
        String key = configuration.getStateKey();
        if (key != null && !key.isBlank()) {
            return key;
        }
        if (routeId == null) {
            throw new IllegalArgumentException("The route of the consumer of " + tableId
                                               + " is unknown: set stateKey to name its cursor");
        }
        return tableId + "/" + routeId;
    }

    /**
     * The id of this consumer's route. A consumer started by another one ({@code master:}) is not told its route;
     * it is the route whose processor it feeds. Null if none is found.
     */
    private String findRouteId() {
        if (getRouteId() != null) {
            return getRouteId();
        }
        for (Route route : endpoint.getCamelContext().getRoutes()) {
            if (route.getProcessor() == getProcessor()) {
                return route.getRouteId();
            }
        }
        return null;
    }

    @Override
    protected int poll() throws Exception {
        status.pollStarted();
        WindowRun run = current;
        if (run != null && run.inFlight()) {
            // exchanges of the window are still routed asynchronously; its outcome decides where the next one starts
            status.outcome("waiting for the exchanges of window " + run.window().describe());
            return 0;
        }
        try {
            if (run == null || !run.hasMore()) {
                delivery.release();
                run = chooser.next();
                current = run;
                if (run == null) {
                    return 0;
                }
            }
            return delivery.deliver(run);
        } catch (Exception e) {
            status.outcome("failed: " + e.getMessage());
            if (current != null) {
                current.abandon(0);
                current = null;
            }
            delivery.release();
            throw e;
        }
    }

    /**
     * Greedy while a window has rows left to hand out: the rest follows at once instead of after {@code delay}, while
     * its export is still open.
     */
    @Override
    public boolean isGreedy() {
        WindowRun run = current;
        return super.isGreedy() || run != null && run.hasMore();
    }

    @Override
    public int processBatch(Queue<Object> exchanges) throws Exception {
        WindowRun run = current;
        int total = exchanges.size();
        int processed = 0;
        for (int index = 0; index < total && isBatchAllowed() && !run.isFailed(); index++) {
            Exchange exchange = (Exchange) exchanges.poll();
            exchange.setProperty(ExchangePropertyKey.BATCH_INDEX, index);
            exchange.setProperty(ExchangePropertyKey.BATCH_SIZE, total);
            exchange.setProperty(ExchangePropertyKey.BATCH_COMPLETE, index == total - 1);
            pendingExchanges = total - index - 1;
            getAsyncProcessor().process(exchange, defaultConsumerCallback(exchange, true));
            processed++;
        }
        pendingExchanges = 0;
        if (!exchanges.isEmpty()) {
            // stopping, or a row failed: the rest of the window is read again from the cursor by a later poll
            for (Object rest : exchanges) {
                WindowCommit.closeBody(((Exchange) rest).getIn().getBody());
            }
            run.abandon(exchanges.size());
            delivery.release();
        }
        return processed;
    }

    /** The deliveries' way to this consumer's exchanges and batches. */
    private final class Feed implements RouteFeed {
        @Override
        public Exchange exchange(WindowRun run, Object body, String changeKey) {
            Exchange exchange = createExchange(true);
            Message in = exchange.getIn();
            in.setBody(body);
            in.setHeader(KeboolaConstants.TABLE_ID, tableId);
            in.setHeader(KeboolaConstants.CHANGED_SINCE, ChangeWindow.iso(run.window().since()));
            in.setHeader(KeboolaConstants.JOB_ID, run.export().jobId());
            in.setHeader(KeboolaConstants.FILE_ID, run.export().fileId());
            in.setHeader(KeboolaConstants.CHANGE_KEY, changeKey);
            exchange.getExchangeExtension().addOnCompletion(commit.completion(run, body));
            return exchange;
        }

        @Override
        public int process(Queue<Object> batch) throws Exception {
            return processBatch(batch);
        }
    }

    // --- for the dev console ---------------------------------------------------------------------------------------

    public String getTableId() {
        return tableId;
    }

    /** The route's id (also for a consumer started by {@code master:}), null if unknown. */
    public String getRouteIdInUse() {
        return routeId;
    }

    public String getStateKeyInUse() {
        return cursor == null ? null : cursor.key();
    }

    /** Where the next window starts (epoch seconds, inclusive), from the stored cursor; null if none is stored. */
    public Long getCursor() {
        CursorState state = cursor == null ? null : cursor.read();
        return state == null ? null : state.since();
    }

    public Instant getLastPollTime() {
        return status.lastPollTime();
    }

    public String getLastPollOutcome() {
        return status.lastPollOutcome();
    }

    public String getLastWindow() {
        return status.lastWindow();
    }

    public Long getLastJobId() {
        return status.lastJobId();
    }

    public Instant getLastCommitTime() {
        return status.lastCommitTime();
    }

    public boolean isStateRepositoryInMemory() {
        return configuration.getStateRepository() == null;
    }

    @Override
    public String toString() {
        return "KeboolaConsumer[" + URISupport.sanitizeUri(endpoint.getEndpointUri()) + "]";
    }
}
