package io.github.camelkeboola.emulator;

import io.github.camelkeboola.emulator.api.ApiServer;
import io.github.camelkeboola.emulator.api.Stack;
import io.github.camelkeboola.emulator.db.Catalog;
import io.github.camelkeboola.emulator.queue.QueueJobs;
import io.github.camelkeboola.emulator.db.LastImportDate;
import io.github.camelkeboola.emulator.db.TableData;
import io.github.camelkeboola.emulator.db.Token;
import io.github.camelkeboola.emulator.fault.CommitHolds;
import io.github.camelkeboola.emulator.fault.FaultInjector;
import io.github.camelkeboola.emulator.jobs.JobQueue;
import io.github.camelkeboola.emulator.storage.FileStorage;
import io.github.camelkeboola.emulator.storage.FileStorages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * An emulated Keboola Connection stack: the Storage API over HTTP on loopback, table data in an embedded
 * H2 database and a file storage speaking the provider's protocol.
 * <pre>{@code
 * try (KeboolaEmulator emulator = KeboolaEmulator.builder().token("my-token").start()) {
 *     String url = emulator.baseUrl();   // http://127.0.0.1:PORT
 * }
 * }</pre>
 */
public final class KeboolaEmulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KeboolaEmulator.class);
    private static final Set<String> PROVIDERS = Set.of("aws", "azure", "gcp");
    private static final Set<String> PERMISSIONS = Set.of("read", "write", "manage");
    /** The one project of the stack; Keboola tokens start with the project id. */
    private static final String PROJECT_ID = "1";

    private final Path dataDir;
    private final boolean temporaryDataDir;
    private final FaultInjector faults = new FaultInjector();
    private final CommitHolds commitHolds = new CommitHolds();
    private final Catalog catalog;
    private final TableData data;
    private final JobQueue jobs;
    private final FileStorage storage;
    private final ApiServer server;
    private final String token;
    private final String baseUrl;
    private final Clock clock;
    private QueueJobs queueJobs;

    private KeboolaEmulator(Builder b) throws Exception {
        this.clock = b.clock;
        this.temporaryDataDir = b.dataDir == null;
        this.dataDir = temporaryDataDir ? Files.createTempDirectory("keboola-emulator") : b.dataDir;
        Files.createDirectories(dataDir);
        FileStorage fileStorage = null;
        TableData tableData = null;
        JobQueue jobQueue = null;
        ApiServer apiServer = null;
        try {
            this.catalog = Catalog.open(dataDir);
            this.token = masterToken(b.token);
            tableData = new TableData(dataDir);
            jobQueue = new JobQueue(catalog, b.clock);
            fileStorage = createStorage(b.provider, dataDir.resolve("files"), faults);
            Stack stack = new Stack(catalog, tableData, jobQueue, fileStorage, faults, commitHolds, b.lastImportDate,
                    b.clock, b.provider, b.sliceRows);
            apiServer = new ApiServer(stack);
            int port = apiServer.start(b.bindAddress, b.port);
            this.baseUrl = stack.baseUrl();
            this.queueJobs = stack.queueJobs;
            LOG.info("Keboola Storage API emulator ({}) listening on {} (port {}), data in {}", b.provider, baseUrl,
                    port, dataDir);
        } catch (Exception | Error e) {
            closeQuietly(apiServer, jobQueue, fileStorage, tableData);
            if (temporaryDataDir) {
                deleteRecursively(dataDir);
            }
            throw e;
        }
        this.data = tableData;
        this.jobs = jobQueue;
        this.storage = fileStorage;
        this.server = apiServer;
    }

    private static FileStorage createStorage(String provider, Path baseDir, FaultInjector faults) throws Exception {
        FileStorage storage = FileStorages.create(provider, baseDir, faults);
        try {
            storage.start();
            return storage;
        } catch (Exception | Error e) {
            storage.close();
            throw e;
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The stack URL, {@code http://127.0.0.1:PORT}. */
    public String baseUrl() {
        return baseUrl;
    }

    /** The master token. */
    public String token() {
        return token;
    }

    /** Where tables, catalog and files live. */
    public Path dataDir() {
        return dataDir;
    }

    /** The faults armed on this emulator (API and file storage). */
    public FaultInjector faults() {
        return faults;
    }

    /**
     * The emulated Queue API's jobs (the index lists the service {@code queue} at {@code baseUrl()/queue}): arm how
     * the next jobs end with {@link QueueJobs#next}, read the jobs run so far with {@link QueueJobs#jobs()}.
     */
    public QueueJobs queue() {
        return queueJobs;
    }

    /**
     * Holds imports between their start and their commit, to make them take as long as a test needs: their rows are
     * stamped at the start and visible only at the commit, as in Keboola.
     */
    public CommitHolds commitHolds() {
        return commitHolds;
    }

    /**
     * Every file storage credential this stack handed out so far (S3 keys and session token, presigned and signed URL
     * signatures, SAS signatures, GCS access tokens and resumable session ids), each also URL-encoded: what a test
     * asserts never reaches a log.
     */
    public Set<String> issuedCredentials() {
        return storage.issuedCredentials().values();
    }

    /**
     * Creates a token limited to chosen buckets.
     *
     * @param bucketPermissions bucket id to {@code read}, {@code write} or {@code manage}
     * @return the new token's value
     */
    public String createToken(String description, Map<String, String> bucketPermissions) {
        bucketPermissions.forEach((bucket, permission) -> {
            if (!PERMISSIONS.contains(permission)) {
                throw new IllegalArgumentException("Permission for " + bucket + " must be read, write or manage, not " + permission);
            }
        });
        Token t = new Token();
        t.id = String.valueOf(catalog.nextId());
        t.token = newTokenValue(t.id);
        t.description = description;
        t.created = clock.instant().getEpochSecond();
        t.bucketPermissions.putAll(bucketPermissions);
        catalog.putToken(t);
        return t.token;
    }

    /**
     * Creates a development branch, as {@code POST dev-branches} does; its buckets, tables and files are its own,
     * at {@code /v2/storage/branch/{id}/...}.
     *
     * @return the branch's id
     */
    public long createBranch(String name) {
        Token creator = catalog.masterToken().orElseThrow();
        return catalog.addBranch(name, "", creator, clock.instant().getEpochSecond())
                .orElseThrow(() -> new IllegalArgumentException("There already is a branch with name \"" + name + "\""))
                .id;
    }

    /** Uses the given master token (replacing a previous one), keeps the stored one, or creates one. */
    private String masterToken(String requested) {
        synchronized (catalog) {
            Token master = catalog.masterToken().orElse(null);
            if (master == null) {
                master = new Token();
                master.id = "1";
                master.description = "Master token";
                master.master = true;
                master.created = clock.instant().getEpochSecond();
            }
            if (requested != null) {
                master.token = requested;
            } else if (master.token == null) {
                master.token = newTokenValue(master.id);
            }
            catalog.putToken(master);
            return master.token;
        }
    }

    private static String newTokenValue(String id) {
        byte[] secret = new byte[20];
        new SecureRandom().nextBytes(secret);
        return PROJECT_ID + "-" + id + "-" + HexFormat.of().formatHex(secret);
    }

    @Override
    public void close() {
        closeQuietly(server, jobs, storage, data);
        if (temporaryDataDir) {
            deleteRecursively(dataDir);
        }
    }

    private static void closeQuietly(AutoCloseable... closeables) {
        for (AutoCloseable c : closeables) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception e) {
                    LOG.warn("Closing {} failed", c.getClass().getSimpleName(), e);
                }
            }
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.warn("Cannot delete {}", dir, e);
        }
    }

    /** Configures and starts an emulator. */
    public static final class Builder {
        private int port;
        private String token;
        private String provider = "aws";
        private Path dataDir;
        private Clock clock = Clock.systemUTC();
        private int sliceRows = 100_000;
        private LastImportDate lastImportDate = LastImportDate.START;
        private InetAddress bindAddress = InetAddress.getLoopbackAddress();

        private Builder() {
        }

        /** 0 (default) picks a free port. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** The master token; default random (or the one stored in {@link #dataDir}). */
        public Builder token(String token) {
            this.token = Objects.requireNonNull(token, "token");
            return this;
        }

        /** File storage flavour: {@code aws} (default), {@code azure} or {@code gcp}. */
        public Builder provider(String provider) {
            if (!PROVIDERS.contains(provider)) {
                throw new IllegalArgumentException("provider must be aws, azure or gcp, not " + provider);
            }
            this.provider = provider;
            return this;
        }

        /** Keeps data in this directory across restarts; default a temporary directory deleted on close. */
        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        /**
         * Drives {@code _timestamp}, {@code lastImportDate}, {@code created}; default {@link Clock#systemUTC()}. The
         * answers' {@code Date} header stays on the system clock (the JDK's HTTP server sets it), so a client that
         * reads the API's time from it sees the real time under any other clock.
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Rows per slice of an export (default 100 000); small values give sliced exports of small tables. */
        public Builder sliceRows(int sliceRows) {
            if (sliceRows < 1) {
                throw new IllegalArgumentException("sliceRows must be positive");
            }
            this.sliceRows = sliceRows;
            return this;
        }

        /**
         * Which moment of an import {@code lastImportDate} and {@code lastChangeDate} show: {@code START} (default, the
         * second its rows are stamped with) or {@code COMMIT}. Keboola does not document which.
         */
        public Builder lastImportDate(LastImportDate lastImportDate) {
            this.lastImportDate = Objects.requireNonNull(lastImportDate, "lastImportDate");
            return this;
        }

        /** Address to listen on; default loopback. The admin endpoint answers loopback callers only. */
        public Builder bindAddress(InetAddress bindAddress) {
            this.bindAddress = Objects.requireNonNull(bindAddress, "bindAddress");
            return this;
        }

        public KeboolaEmulator start() {
            try {
                return new KeboolaEmulator(this);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot start the Keboola emulator", e);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("Cannot start the Keboola emulator", e);
            }
        }
    }
}
