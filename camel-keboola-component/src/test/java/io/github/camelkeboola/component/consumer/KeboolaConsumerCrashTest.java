package io.github.camelkeboola.component.consumer;

import io.github.camelkeboola.emulator.junit.KeboolaEmulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The consuming JVM ({@link CrashTestConsumer}) is killed with {@code destroyForcibly} at random points, round after
 * round, while another writer keeps inserting and updating rows; some of its imports take long (held at their commit
 * for up to two seconds, their rows stamped at their start) and some follow one another at once. Afterwards every
 * change must have been delivered, and no window may start before a cursor stored earlier (the documented
 * at-least-once guarantee: duplicates come from windows read again, never from before the cursor).
 * <p>
 * {@code -Dkeboola.crashRounds=N} changes the number of rounds (default 20).
 */
class KeboolaConsumerCrashTest {

    @RegisterExtension
    static final KeboolaEmulatorExtension KEBOOLA = KeboolaEmulatorExtension.provider("aws");

    private static final int ROUNDS = Integer.getInteger("keboola.crashRounds", 20);
    private static final String TABLE_ID = "in.c-crash.orders";

    private final Random random = new Random();
    private final Map<String, Integer> latestVersion = new ConcurrentHashMap<>();
    private final AtomicInteger changesWritten = new AtomicInteger();
    private final AtomicInteger imports = new AtomicInteger();
    private final AtomicInteger longImports = new AtomicInteger();

    @Test
    void everyChangeIsDeliveredAcrossKilledConsumersAndOnlyUncommittedWindowsRepeat(@TempDir Path dir) throws Exception {
        Path output = dir.resolve("delivered.log");
        Path cursorFile = dir.resolve("cursor.properties");
        Files.createFile(output);
        try (TableWriter writer = new TableWriter(KEBOOLA.emulator().baseUrl(), KEBOOLA.emulator().token())) {
            StringBuilder initial = new StringBuilder("id,version,payload\n");
            for (int id = 1; id <= 50; id++) {
                initial.append(id).append(",1,initial\n");
                latestVersion.put(Integer.toString(id), 1);
            }
            writer.create(TABLE_ID, initial.toString());
            changesWritten.addAndGet(50);

            AtomicBoolean writing = new AtomicBoolean(true);
            AtomicReference<Throwable> writerFailure = new AtomicReference<>();
            Thread otherWriter = new Thread(() -> {
                try {
                    while (writing.get()) {
                        writeChanges(writer);
                    }
                } catch (Throwable e) {
                    writerFailure.set(e);
                }
            }, "other-writer");
            otherWriter.start();

            for (int round = 1; round <= ROUNDS; round++) {
                Process child = startConsumer(dir, cursorFile, output, round);
                long rowsBefore = lines(output, "R ");
                long commitsBefore = lines(output, "C ");
                int mode = random.nextInt(3);
                if (mode == 1) {
                    // after some rows: within a window's batches
                    int rows = 1 + random.nextInt(30);
                    await().atMost(Duration.ofSeconds(90))
                            .until(() -> lines(output, "R ") >= rowsBefore + rows || !child.isAlive());
                } else if (mode == 2) {
                    // after a cursor commit: between windows, or as the next one starts
                    await().atMost(Duration.ofSeconds(90))
                            .until(() -> lines(output, "C ") > commitsBefore || !child.isAlive());
                }
                // then a random moment more (mode 0: only that, from the start: during startup or a first poll)
                boolean exited = child.waitFor(random.nextInt(mode == 0 ? 2500 : 800), TimeUnit.MILLISECONDS);
                assertTrue(!exited && child.isAlive(), "consumer of round " + round + " died on its own, see "
                                                        + dir.resolve("consumer-" + round + ".log"));
                child.destroyForcibly();
                child.waitFor();
            }

            writing.set(false);
            otherWriter.join();
            assertNull(writerFailure.get(), () -> "the other writer failed: " + writerFailure.get());

            // a last consumer, not killed, catches up with everything written
            int lastRound = ROUNDS + 1;
            Process last = startConsumer(dir, cursorFile, output, lastRound);
            try {
                await().atMost(Duration.ofSeconds(90)).until(() -> missing(parse(output)).isEmpty());
            } finally {
                last.destroyForcibly();
                last.waitFor();
            }
        }

        Analysis analysis = parse(output);
        assertEquals(List.of(), missing(analysis), "changes never delivered");
        analysis.countDuplicates();
        System.out.printf("Crash test: %d rounds killed, %d imports (%d long), %d changes written (%d rows at the end),"
                          + " %d rows delivered, %d distinct changes delivered, %d duplicates (%d of them in the"
                          + " same consumer run), %d cursor commits%n",
                ROUNDS, imports.get() + 1, longImports.get(), changesWritten.get(), latestVersion.size(),
                analysis.deliveries.size(), analysis.distinct(), analysis.duplicates, analysis.sameRunDuplicates,
                analysis.commits);
    }

    /**
     * One import of 1-4 new rows and 0-2 updates of existing rows. One in four is long: held at its commit for up to
     * two seconds, and half of those have a second import of new rows queued right behind them.
     */
    private void writeChanges(TableWriter writer) {
        if (random.nextInt(4) > 0) {
            writer.finish(startImport(writer, 2));
            return;
        }
        KEBOOLA.emulator().commitHolds().hold(TABLE_ID, 1, Duration.ofMillis(300 + random.nextInt(1700)));
        longImports.incrementAndGet();
        var held = startImport(writer, 2);
        var behind = random.nextBoolean() ? startImport(writer, 0) : null;
        writer.finish(held);
        if (behind != null) {
            writer.finish(behind);
        }
    }

    private com.fasterxml.jackson.databind.JsonNode startImport(TableWriter writer, int maxUpdates) {
        StringBuilder csv = new StringBuilder("id,version,payload\n");
        Map<String, Integer> batch = new HashMap<>();
        int newRows = 1 + random.nextInt(4);
        for (int i = 0; i < newRows; i++) {
            batch.put(Integer.toString(latestVersion.size() + batch.size() + 1), 1);
        }
        int updates = random.nextInt(maxUpdates + 1);
        for (int i = 0; i < updates; i++) {
            String id = Integer.toString(1 + random.nextInt(latestVersion.size()));
            batch.putIfAbsent(id, latestVersion.get(id) + 1);
        }
        batch.forEach((id, version) -> csv.append(id).append(',').append(version).append(",change\n"));
        var job = writer.startUpsert(TABLE_ID, csv.toString());
        latestVersion.putAll(batch);
        changesWritten.addAndGet(batch.size());
        imports.incrementAndGet();
        return job;
    }

    private Process startConsumer(Path dir, Path cursorFile, Path output, int round) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        File log = dir.resolve("consumer-" + round + ".log").toFile();
        return new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), CrashTestConsumer.class.getName(),
                KEBOOLA.emulator().baseUrl(), KEBOOLA.emulator().token(), TABLE_ID, cursorFile.toString(),
                output.toString(), Integer.toString(round))
                .redirectErrorStream(true)
                .redirectOutput(log)
                .start();
    }

    private static long lines(Path output, String prefix) {
        try (var lines = Files.lines(output)) {
            return lines.filter(line -> line.startsWith(prefix)).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The latest version of each row that was not delivered (a version overwritten before any poll is not required). */
    private List<String> missing(Analysis analysis) {
        List<String> missing = new ArrayList<>();
        new TreeMap<>(latestVersion).forEach((id, version) -> {
            if (!analysis.delivered.containsKey(id + "@" + version)) {
                missing.add(id + "@" + version);
            }
        });
        return missing;
    }

    private static Analysis parse(Path output) throws IOException {
        Analysis analysis = new Analysis();
        for (String line : Files.readAllLines(output)) {
            String[] f = line.split(" ");
            if (f[0].equals("R") && f.length == 5) {
                analysis.add(new Delivery(Integer.parseInt(f[1]), f[2] + "@" + f[3], Long.parseLong(f[4])));
            } else if (f[0].equals("C") && f.length == 3 && parsesAsCursor(f[2])) {
                analysis.commit(Integer.parseInt(f[1]), ChangeCursor.parse(f[2]).since());
            }
            // a line cut by the kill is neither: it was not completed, so its exchange did not complete either
        }
        return analysis;
    }

    private static boolean parsesAsCursor(String value) {
        try {
            ChangeCursor.parse(value);
            return true;
        } catch (RuntimeException e) {
            return false;   // cut by the kill
        }
    }

    private record Delivery(int round, String change, long since) {
    }

    private static final class Analysis {
        final List<Delivery> deliveries = new ArrayList<>();
        final Map<String, List<Delivery>> delivered = new HashMap<>();
        long storedSince;
        int duplicates;
        int sameRunDuplicates;
        int commits;

        /** Lines come in the order they were written: a delivery never starts before a cursor stored before it. */
        void add(Delivery delivery) {
            assertTrue(delivery.since() >= storedSince, () -> "change " + delivery.change() + " was delivered in run "
                    + delivery.round() + " from " + delivery.since() + ", before the stored cursor " + storedSince);
            deliveries.add(delivery);
            delivered.computeIfAbsent(delivery.change(), k -> new ArrayList<>()).add(delivery);
        }

        void commit(int round, long since) {
            commits++;
            storedSince = Math.max(storedSince, since);
        }

        int distinct() {
            return delivered.size();
        }

        /** Duplicates: a window read again after a kill, or the second of the last lastImportDate read again. */
        void countDuplicates() {
            for (List<Delivery> copies : delivered.values()) {
                for (int i = 1; i < copies.size(); i++) {
                    duplicates++;
                    if (copies.get(i).round() == copies.get(i - 1).round()) {
                        sameRunDuplicates++;
                    }
                }
            }
        }
    }
}
