package io.github.camelkeboola.emulator.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelkeboola.emulator.db.Catalog;
import io.github.camelkeboola.emulator.db.Event;
import io.github.camelkeboola.emulator.db.LastImportDate;
import io.github.camelkeboola.emulator.db.Table;
import io.github.camelkeboola.emulator.db.TableData;
import io.github.camelkeboola.emulator.db.Token;
import io.github.camelkeboola.emulator.fault.CommitHolds;
import io.github.camelkeboola.emulator.fault.FaultInjector;
import io.github.camelkeboola.emulator.jobs.JobQueue;
import io.github.camelkeboola.emulator.queue.QueueJobs;
import io.github.camelkeboola.emulator.storage.FileStorage;

import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/** Everything the handlers of one emulated stack share. */
public final class Stack {

    public final Catalog catalog;
    public final TableData data;
    public final JobQueue jobs;
    public final FileStorage storage;
    public final FaultInjector faults;
    /** Holds imports between their start (rows stamped) and their commit (rows visible). */
    public final CommitHolds commitHolds;
    /** Which moment of an import {@code lastImportDate} shows. */
    public final LastImportDate lastImportDate;
    public final Clock clock;
    /** The emulated Queue API's jobs. */
    public final QueueJobs queueJobs;
    /** {@code aws}, {@code azure} or {@code gcp}. */
    public final String provider;
    /** Rows per export slice. */
    public final int sliceRows;
    private final ConcurrentHashMap<String, ReadWriteLock> tableLocks = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Lock> importLocks = new ConcurrentHashMap<>();
    private volatile String baseUrl;

    public Stack(Catalog catalog, TableData data, JobQueue jobs, FileStorage storage, FaultInjector faults,
                 CommitHolds commitHolds, LastImportDate lastImportDate, Clock clock, String provider, int sliceRows) {
        this.catalog = catalog;
        this.data = data;
        this.jobs = jobs;
        this.storage = storage;
        this.faults = faults;
        this.commitHolds = commitHolds;
        this.lastImportDate = lastImportDate;
        this.clock = clock;
        this.provider = provider;
        this.sliceRows = sliceRows;
        this.queueJobs = new QueueJobs(clock);
    }

    void baseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** Absolute URI of an API path such as {@code /v2/storage/tables/x}. */
    public String uri(String path) {
        return baseUrl + path;
    }

    /** Now in epoch seconds: the API's timestamps have second precision. */
    public long now() {
        return clock.instant().getEpochSecond();
    }

    /**
     * The lock of a table's data: drops and the moment an import applies its staged rows hold the write
     * lock, exports and previews the read lock (so they read the data as it was before a running import).
     */
    public ReadWriteLock tableLock(Table table) {
        return tableLocks.computeIfAbsent(Catalog.key(table.branchId, table.id), id -> new ReentrantReadWriteLock(true));
    }

    /**
     * Held for a whole import or create, so imports into one table run one after another: "Asynchronous imports into
     * the same table are serialized" (contract §6, apiary.apib). An import's job waits for it before it starts, so the
     * next import's rows are stamped after the previous one committed.
     */
    public Lock importLock(Table table) {
        return importLocks.computeIfAbsent(Catalog.key(table.branchId, table.id), id -> new ReentrantLock(true));
    }

    /** Records a Storage event of branch {@code branchId}: the branch of the table or bucket it is about, or of the request. */
    public Event event(long branchId, String name, String message, String objectType, String objectId, Token token, String runId,
                      JsonNode params, JsonNode results) {
        Event event = new Event();
        event.id = catalog.nextId();
        event.branchId = branchId;
        event.uuid = UUID.randomUUID().toString();
        event.event = name;
        event.message = message;
        event.objectType = objectType;
        event.objectId = objectId;
        event.objectName = objectId == null ? null : objectId.substring(objectId.lastIndexOf('.') + 1);
        event.created = now();
        event.runId = runId;
        event.params = params;
        event.results = results;
        if (token != null) {
            event.tokenId = token.id;
            event.tokenName = token.description;
        }
        catalog.addEvent(event);
        return event;
    }
}
