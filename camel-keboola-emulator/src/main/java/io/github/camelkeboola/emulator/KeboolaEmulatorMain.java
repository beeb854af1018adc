package io.github.camelkeboola.emulator;

import io.github.camelkeboola.emulator.db.LastImportDate;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the emulator from the command line until stopped:
 * {@code java -jar camel-keboola-emulator-<version>-standalone.jar --port PORT --token TOKEN
 * [--provider aws|azure|gcp] [--data-dir DIR] [--host ADDRESS] [--slice-rows N] [--last-import-date start|commit]}.
 * Prints {@code listening on http://127.0.0.1:PORT} once ready.
 */
public final class KeboolaEmulatorMain {

    private static final String USAGE = "Usage: java -jar camel-keboola-emulator-standalone.jar [--port PORT] [--token TOKEN]"
            + " [--provider aws|azure|gcp] [--data-dir DIR] [--host ADDRESS] [--slice-rows N]"
            + " [--last-import-date start|commit]";

    private KeboolaEmulatorMain() {
    }

    public static void main(String[] args) throws Exception {
        KeboolaEmulator.Builder builder;
        try {
            builder = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        KeboolaEmulator emulator = builder.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            emulator.close();
            stopped.countDown();
        }, "keboola-emulator-shutdown"));
        System.out.println("Keboola Storage API emulator listening on " + emulator.baseUrl());
        System.out.flush();
        stopped.await();
    }

    static KeboolaEmulator.Builder parse(String[] args) throws Exception {
        KeboolaEmulator.Builder builder = KeboolaEmulator.builder();
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--help") || option.equals("-h")) {
                throw new IllegalArgumentException("Keboola Storage API emulator");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("Missing value for " + option);
            }
            String value = args[++i];
            switch (option) {
                case "--port" -> builder.port(Integer.parseInt(value));
                case "--token" -> builder.token(value);
                case "--provider" -> builder.provider(value);
                case "--data-dir" -> builder.dataDir(Path.of(value));
                case "--host" -> builder.bindAddress(InetAddress.getByName(value));
                case "--slice-rows" -> builder.sliceRows(Integer.parseInt(value));
                case "--last-import-date" -> builder.lastImportDate(LastImportDate.valueOf(value.toUpperCase(Locale.ROOT)));
                default -> throw new IllegalArgumentException("Unknown option " + option);
            }
        }
        return builder;
    }
}
