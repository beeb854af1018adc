package io.github.camelkeboola.component.consumer;

import io.github.camelkeboola.component.KeboolaConfiguration;
import io.github.camelkeboola.component.KeboolaConstants;
import io.github.camelkeboola.component.KeboolaCsvStream;
import io.github.camelkeboola.component.KeboolaEndpoint;
import io.github.camelkeboola.component.KeboolaOutputType;
import io.github.camelkeboola.component.api.ChangeTimes;
import io.github.camelkeboola.component.api.StorageApi;
import io.github.camelkeboola.component.transfer.CloseableIterator;
import io.github.camelkeboola.component.transfer.ExportRequest;
import io.github.camelkeboola.component.transfer.ExportedTable;
import io.github.camelkeboola.component.transfer.TableExporter;
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
import org.apache.camel.support.SynchronizationAdapter;
import org.apache.camel.util.IOHelper;
import org.apache.camel.util.ObjectHelper;
import org.apache.camel.util.URISupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Polls a table and delivers the rows that changed since its cursor. Each poll reads the table detail; when it shows
 * what it showed for the last committed window the poll is idle. Otherwise it exports every row stamped at or after
 * the cursor (see {@link ChangeWindow} for why that loses nothing) and delivers it as one CSV stream or as one exchange
 * per row; once everything delivered completed successfully, the {@code lastImportDate} read before the export
 * becomes the cursor.
 */
public class KeboolaConsumer extends ScheduledBatchPollingConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(KeboolaConsumer.class);
    private static final int MAX_HEADER_BYTES = 1024 * 1024;
    // started consumers, for the dev console: one started by master: is not the consumer of any route
    private static final Set<KeboolaConsumer> STARTED = ConcurrentHashMap.newKeySet();

    private final KeboolaEndpoint endpoint;
    private final KeboolaConfiguration configuration;
    private final String tableId;

    private StorageApi api;
    private TableExporter exporter;
    private StateRepository<String, String> stateRepository;
    private boolean stateRepositoryStartedHere;
    private ChangeCursor cursor;
    private String routeId;
    private Long initialSince;
    private boolean initialSinceResolved;

    // the window being delivered; rows output may hand it out over several polls
    private volatile WindowRun current;
    private CloseableIterator<Map<String, String>> openRows;
    // rows of the current window's export read so far: where to resume if the export must be opened again
    private long rowsRead;

    // what the dev console shows
    private volatile Instant lastPollTime;
    private volatile String lastPollOutcome;
    private volatile ChangeWindow lastWindow;
    private volatile Long lastJobId;
    private volatile Instant lastCommitTime;

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
        api = endpoint.getStorageApi();
        exporter = new TableExporter(api, endpoint.getFileTransfer());
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
        closeOpenRows();
        if (stateRepositoryStartedHere) {
            ServiceHelper.stopService(stateRepository);
        }
    }

    private void validateOptions() {
        ObjectHelper.notNull(tableId, "tableId (the endpoint path, such as keboola:in.c-main.orders)");
        if (configuration.getOutputType() == KeboolaOutputType.file) {
            throw new IllegalArgumentException("outputType=file is not supported by the consumer of " + tableId
                                               + ": use stream or rows");
        }
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
        lastPollTime = Instant.now();
        WindowRun run = current;
        if (run != null && run.inFlight()) {
            // exchanges of the window are still routed asynchronously; its outcome decides where the next one starts
            lastPollOutcome = "waiting for the exchanges of window " + run.window().describe();
            return 0;
        }
        if (run != null && !run.hasMore()) {
            run = null;
        }
        try {
            if (run == null) {
                closeOpenRows();
                run = startWindow();
                current = run;
                if (run == null) {
                    return 0;
                }
            }
            return configuration.getOutputType() == KeboolaOutputType.rows ? deliverRows(run) : deliverStream(run);
        } catch (Exception e) {
            lastPollOutcome = "failed: " + e.getMessage();
            if (current != null) {
                current.abandon(0);
                current = null;
            }
            closeOpenRows();
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

    /** Chooses and exports the next window, or returns null when the poll is idle. */
    private WindowRun startWindow() {
        CursorState stored = cursor.read();
        TableMark mark = TableMark.of(api.getTable(tableId));
        ChangeWindow window = ChangeWindow.next(stored, stored == null ? initialSince() : null, mark).orElse(null);
        if (window == null) {
            lastPollOutcome = "idle: the table is unchanged since " + (stored == null ? "never loaded" : describe(stored));
            return null;
        }
        ExportedTable export = export(window);
        lastWindow = window;
        rowsRead = 0;
        return new WindowRun(window, export);
    }

    private static String describe(CursorState state) {
        return ChangeWindow.iso(state.since());
    }

    private ExportedTable export(ChangeWindow window) {
        // no upper bound: rows committed after the detail was read come now, and again in the next window
        ExportRequest request = new ExportRequest(list(configuration.getColumns()), window.since(), null,
                configuration.getWhereColumn(), list(configuration.getWhereValues()), configuration.getWhereOperator(),
                null);
        ExportedTable export = exporter.export(tableId, request, Duration.ofMillis(configuration.getJobTimeout()));
        lastJobId = export.jobId();
        return export;
    }

    private int deliverStream(WindowRun run) throws Exception {
        InputStream body = withDataRows(run.export().openCsv());
        if (body == null) {
            finishEmpty(run);
            return 0;
        }
        // its own stream cache: Camel's stream caching would otherwise read the whole window into memory
        Exchange exchange = createExchange(run, new KeboolaCsvStream(body, run.export()::openCsv));
        exchange.getIn().setHeader(KeboolaConstants.CHANGE_KEY, ChangeKeys.ofWindow(tableId, run.window()));
        Queue<Object> batch = new ArrayDeque<>(1);
        batch.add(exchange);
        run.handOut(1, 0, true);
        lastPollOutcome = "delivered window " + run.window().describe() + " as a CSV stream";
        return processBatch(batch);
    }

    private int deliverRows(WindowRun run) throws Exception {
        int max = getMaxMessagesPerPoll() > 0 ? getMaxMessagesPerPoll() : Integer.MAX_VALUE;
        Queue<Object> batch = new ArrayDeque<>(Math.min(max, 1024));
        boolean last = false;
        while (batch.size() < max) {
            Map<String, String> row = nextRow(run);
            if (row == null) {
                last = true;
                break;
            }
            Exchange exchange = createExchange(run, row);
            exchange.getIn().setHeader(KeboolaConstants.CHANGE_KEY, ChangeKeys.ofRow(tableId, row));
            batch.add(exchange);
        }
        if (!last && !hasNextRow(run)) {
            last = true;
        }
        if (last) {
            closeOpenRows();
        }
        if (batch.isEmpty()) {
            finishEmpty(run);
            return 0;
        }
        run.handOut(batch.size(), batch.size(), last);
        lastPollOutcome = "delivered " + run.rowsHandedOut() + " rows of window " + run.window().describe()
                          + (last ? "" : " so far");
        return processBatch(batch);
    }

    /**
     * The next row of the window's export, or null at its end. The export file stays open between the polls of one
     * window; if the storage closed it meanwhile, it is opened again and the rows already handed out are skipped
     * (the exported file does not change).
     */
    private Map<String, String> nextRow(WindowRun run) {
        if (!hasNextRow(run)) {
            return null;
        }
        rowsRead++;
        return openRows.next();
    }

    private boolean hasNextRow(WindowRun run) {
        if (openRows == null) {
            openRows = openRowsAt(run, rowsRead);
            return openRows.hasNext();
        }
        try {
            return openRows.hasNext();
        } catch (RuntimeException e) {
            LOG.debug("Reading the export of {} window {} failed; opening it again", tableId, run.window().describe(), e);
            closeOpenRows();
            openRows = openRowsAt(run, rowsRead);
            return openRows.hasNext();
        }
    }

    private static CloseableIterator<Map<String, String>> openRowsAt(WindowRun run, long skip) {
        CloseableIterator<Map<String, String>> rows = run.export().openRows();
        for (long i = 0; i < skip && rows.hasNext(); i++) {
            rows.next();
        }
        return rows;
    }

    private void closeOpenRows() {
        if (openRows != null) {
            IOHelper.close(openRows);
            openRows = null;
        }
    }

    private void finishEmpty(WindowRun run) {
        lastPollOutcome = "window " + run.window().describe() + " had no changed rows";
        if (run.finishIfIdle()) {
            commit(run);
        }
    }

    private Exchange createExchange(WindowRun run, Object body) {
        Exchange exchange = createExchange(true);
        Message in = exchange.getIn();
        in.setBody(body);
        in.setHeader(KeboolaConstants.TABLE_ID, tableId);
        in.setHeader(KeboolaConstants.CHANGED_SINCE, ChangeWindow.iso(run.window().since()));
        in.setHeader(KeboolaConstants.JOB_ID, run.export().jobId());
        in.setHeader(KeboolaConstants.FILE_ID, run.export().fileId());
        exchange.getExchangeExtension().addOnCompletion(new WindowCompletion(run, body));
        return exchange;
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
                closeBody(((Exchange) rest).getIn().getBody());
            }
            run.abandon(exchanges.size());
            closeOpenRows();
        }
        return processed;
    }

    private void commit(WindowRun run) {
        CursorState next = run.window().next();
        try {
            cursor.store(next);
            lastCommitTime = Instant.now();
            LOG.debug("Cursor of {} ({}) moved to {}", tableId, cursor.key(), ChangeCursor.format(next));
        } catch (RuntimeException e) {
            // the window will be read again: duplicates, never a loss
            LOG.error("Could not store the cursor of {} under key {}; the window {} will be delivered again", tableId,
                    cursor.key(), run.window().describe(), e);
        }
        if (current == run) {
            current = null;
        }
    }

    /** Returns the CSV with its header row, or null when no data row follows the header. */
    static InputStream withDataRows(InputStream csv) throws IOException {
        ByteArrayOutputStream header = new ByteArrayOutputStream(256);
        int b;
        while ((b = csv.read()) != -1) {
            header.write(b);
            if (b == '\n') {
                break;
            }
            if (header.size() > MAX_HEADER_BYTES) {
                throw new IOException("The exported CSV's header row is longer than " + MAX_HEADER_BYTES + " bytes");
            }
        }
        int first = b == -1 ? -1 : csv.read();
        if (first == -1) {
            csv.close();
            return null;
        }
        header.write(first);
        return new SequenceInputStream(new ByteArrayInputStream(header.toByteArray()), csv);
    }

    private static void closeBody(Object body) {
        if (body instanceof InputStream stream) {
            IOHelper.close(stream);
        }
    }

    private Long initialSince() {
        if (!initialSinceResolved) {
            // a relative value counts from this consumer's first window; it only picks where history starts
            initialSince = ChangeTimes.toEpochSeconds(configuration.getInitialChangedSince(), Instant.now());
            initialSinceResolved = true;
        }
        return initialSince;
    }

    private static List<String> list(String commaSeparated) {
        if (commaSeparated == null || commaSeparated.isBlank()) {
            return List.of();
        }
        return Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
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
        return lastPollTime;
    }

    public String getLastPollOutcome() {
        return lastPollOutcome;
    }

    public String getLastWindow() {
        ChangeWindow window = lastWindow;
        return window == null ? null : window.describe();
    }

    public Long getLastJobId() {
        return lastJobId;
    }

    public Instant getLastCommitTime() {
        return lastCommitTime;
    }

    public boolean isStateRepositoryInMemory() {
        return configuration.getStateRepository() == null;
    }

    @Override
    public String toString() {
        return "KeboolaConsumer[" + URISupport.sanitizeUri(endpoint.getEndpointUri()) + "]";
    }

    /** Counts the window's exchanges as they complete; the last successful one commits the cursor. */
    private final class WindowCompletion extends SynchronizationAdapter {
        private final WindowRun run;
        private final Object body;

        WindowCompletion(WindowRun run, Object body) {
            this.run = run;
            this.body = body;
        }

        @Override
        public void onComplete(Exchange exchange) {
            closeBody(body);
            if (run.exchangeDone(true)) {
                commit(run);
            }
        }

        @Override
        public void onFailure(Exchange exchange) {
            closeBody(body);
            LOG.debug("Exchange of {} window {} failed; the window will be read again", tableId, run.window().describe());
            run.exchangeDone(false);
        }
    }
}
