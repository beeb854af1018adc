package io.github.camelkeboola.emulator.db;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelkeboola.emulator.api.Json;
import io.github.camelkeboola.emulator.jobs.Job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The project's metadata, kept in memory. Tokens, development branches, buckets, tables, files and the export cache are written
 * to {@code catalog.json} in the data directory after every change, so a restarted emulator with the same
 * data directory finds its project again; jobs and events live only as long as the emulator (a bounded
 * history). Callers synchronise on the catalog for read-modify-write sequences; every method here is
 * synchronised.
 */
public final class Catalog {

    /** Events and jobs beyond this count are forgotten, oldest first. */
    private static final int HISTORY_LIMIT = 10_000;

    /** The persisted form. */
    public static class State {
        public long nextId = 1000;
        public Map<String, Token> tokens = new LinkedHashMap<>();
        /** The branches by id, the default one ("Main") first. */
        public Map<Long, Branch> branches = new LinkedHashMap<>();
        /** Buckets and tables by {@link #key(long, String)}. */
        public Map<String, Bucket> buckets = new LinkedHashMap<>();
        public Map<String, Table> tables = new LinkedHashMap<>();
        public Map<Long, FileRecord> files = new LinkedHashMap<>();
        /** export cache key to file id */
        public Map<String, Long> exportCache = new LinkedHashMap<>();
    }

    private final Path file;
    private final State state;
    private final Map<Long, Job> jobs = new LinkedHashMap<>();
    private final List<Event> events = new ArrayList<>();

    private Catalog(Path file, State state) {
        this.file = file;
        this.state = state;
        state.branches.putIfAbsent(Branch.DEFAULT_ID, mainBranch());
    }

    /** Loads the catalog of a data directory, or starts an empty one. */
    public static Catalog open(Path dataDir) {
        Path file = dataDir.resolve("catalog.json");
        try {
            State state = Files.exists(file) ? Json.MAPPER.readValue(file.toFile(), State.class) : new State();
            return new Catalog(file, state);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    /** Writes the catalog atomically. */
    public synchronized void save() {
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Json.MAPPER.writeValue(tmp.toFile(), state);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    public synchronized long nextId() {
        return ++state.nextId;
    }

    // tokens

    public synchronized void putToken(Token token) {
        state.tokens.put(token.id, token);
        save();
    }

    public synchronized Optional<Token> tokenByValue(String value) {
        return state.tokens.values().stream().filter(t -> t.token.equals(value)).findFirst();
    }

    public synchronized Optional<Token> masterToken() {
        return state.tokens.values().stream().filter(t -> t.master).findFirst();
    }

    public synchronized Optional<Token> token(String id) {
        return Optional.ofNullable(state.tokens.get(id));
    }

    // development branches

    /** The branch, the default one included. */
    public synchronized Optional<Branch> branch(long id) {
        return Optional.ofNullable(state.branches.get(id));
    }

    /** The default branch first, then the development branches in the order they were created. */
    public synchronized List<Branch> branches() {
        return new ArrayList<>(state.branches.values());
    }

    /** Adds a development branch; empty when a branch of that name exists. */
    public synchronized Optional<Branch> addBranch(String name, String description, Token creator, long created) {
        if (state.branches.values().stream().anyMatch(b -> b.name.equals(name))) {
            return Optional.empty();
        }
        Branch branch = new Branch();
        branch.id = nextId();
        branch.name = name;
        branch.description = description == null ? "" : description;
        branch.created = created;
        branch.creatorTokenId = creator.id;
        branch.creatorTokenName = creator.description;
        putBranch(branch);
        return Optional.of(branch);
    }

    public synchronized void putBranch(Branch branch) {
        state.branches.put(branch.id, branch);
        save();
    }

    /** Forgets a development branch with its buckets, tables and files; the caller drops their data first. */
    public synchronized void removeBranch(long id) {
        if (id == Branch.DEFAULT_ID) {
            throw new IllegalArgumentException("The default branch cannot be removed");
        }
        state.branches.remove(id);
        state.buckets.values().removeIf(b -> b.branchId == id);
        state.tables.values().removeIf(t -> t.branchId == id);
        state.files.values().removeIf(f -> f.branchId == id);
        state.exportCache.keySet().removeIf(key -> key.startsWith(id + "/"));
        save();
    }

    private static Branch mainBranch() {
        Branch main = new Branch();
        main.id = Branch.DEFAULT_ID;
        main.name = "Main";
        return main;
    }

    /**
     * The key of a bucket or table in its branch: the id itself in the default branch (so a data directory written
     * before branches existed still opens), {@code branchId/id} in a development branch.
     */
    public static String key(long branchId, String id) {
        return branchId == Branch.DEFAULT_ID ? id : branchId + "/" + id;
    }

    // buckets

    public synchronized Optional<Bucket> bucket(long branchId, String id) {
        return Optional.ofNullable(state.buckets.get(key(branchId, id)));
    }

    public synchronized List<Bucket> buckets(long branchId) {
        return state.buckets.values().stream().filter(b -> b.branchId == branchId).toList();
    }

    public synchronized void putBucket(Bucket bucket) {
        state.buckets.put(key(bucket.branchId, bucket.id), bucket);
        save();
    }

    public synchronized void removeBucket(Bucket bucket) {
        state.buckets.remove(key(bucket.branchId, bucket.id));
        save();
    }

    // tables

    public synchronized Optional<Table> table(long branchId, String id) {
        return Optional.ofNullable(state.tables.get(key(branchId, id)));
    }

    /** Every table of every branch (the project's totals). */
    public synchronized List<Table> allTables() {
        return new ArrayList<>(state.tables.values());
    }

    public synchronized List<Table> tables(long branchId) {
        return state.tables.values().stream().filter(t -> t.branchId == branchId).toList();
    }

    public synchronized List<Table> tablesIn(long branchId, String bucketId) {
        return state.tables.values().stream().filter(t -> t.branchId == branchId && t.bucketId.equals(bucketId)).toList();
    }

    public synchronized void putTable(Table table) {
        state.tables.put(key(table.branchId, table.id), table);
        save();
    }

    public synchronized void removeTable(Table table) {
        String key = key(table.branchId, table.id);
        state.tables.remove(key);
        state.exportCache.keySet().removeIf(cached -> cached.startsWith(key + "|"));
        save();
    }

    // files: ids are unique in the project, but a file is seen only in its branch

    public synchronized Optional<FileRecord> file(long branchId, long id) {
        return Optional.ofNullable(state.files.get(id)).filter(f -> f.branchId == branchId);
    }

    public synchronized List<FileRecord> files(long branchId) {
        return state.files.values().stream().filter(f -> f.branchId == branchId).toList();
    }

    public synchronized void putFile(FileRecord file) {
        state.files.put(file.id, file);
        save();
    }

    public synchronized void removeFile(long id) {
        state.files.remove(id);
        state.exportCache.values().removeIf(fileId -> fileId == id);
        save();
    }

    // export cache

    public synchronized Optional<Long> cachedExport(String key) {
        Long id = state.exportCache.get(key);
        return id != null && state.files.containsKey(id) ? Optional.of(id) : Optional.empty();
    }

    public synchronized void cacheExport(String key, long fileId) {
        state.exportCache.put(key, fileId);
        save();
    }

    // jobs

    public synchronized Optional<Job> job(long id) {
        return Optional.ofNullable(jobs.get(id));
    }

    public synchronized List<Job> jobs() {
        return new ArrayList<>(jobs.values());
    }

    public synchronized void putJob(Job job) {
        jobs.put(job.id, job);
        while (jobs.size() > HISTORY_LIMIT) {
            jobs.remove(jobs.keySet().iterator().next());
        }
    }

    /** Runs a change (or a consistent read) of a job under the catalog's lock. */
    public synchronized <T> T updateJob(Job job, java.util.function.Function<Job, T> change) {
        return change.apply(job);
    }

    // events

    public synchronized void addEvent(Event event) {
        events.add(event);
        if (events.size() > HISTORY_LIMIT) {
            events.remove(0);
        }
    }

    public synchronized List<Event> events() {
        return new ArrayList<>(events);
    }

    /** Copies a JSON value so callers cannot change what the catalog holds. */
    public static JsonNode copy(JsonNode node) {
        return node == null ? null : node.deepCopy();
    }
}
