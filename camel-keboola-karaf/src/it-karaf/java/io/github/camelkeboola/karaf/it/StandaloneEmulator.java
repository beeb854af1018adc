package io.github.camelkeboola.karaf.it;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The emulator's standalone jar as a process of its own, on a free loopback port, stopped with the JVM. */
final class StandaloneEmulator {

    private static final Pattern LISTENING = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+)");

    /** Pax Exam asks a test class for its configuration more than once: one emulator serves them all. */
    private static String started;

    private StandaloneEmulator() {
    }

    /** Starts the emulator, once per JVM, and returns its base URL once it listens. */
    static synchronized String start(Path jar, String token) throws Exception {
        if (started == null) {
            started = launch(jar, token);
        }
        return started;
    }

    private static String launch(Path jar, String token) throws Exception {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "--port", "0", "--token", token)
                .redirectErrorStream(true).start();
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
        CompletableFuture<String> baseUrl = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    System.out.println("[emulator] " + line);
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        baseUrl.complete(m.group(1));
                    }
                }
                baseUrl.completeExceptionally(new IllegalStateException("emulator exited: " + process.waitFor()));
            } catch (Exception e) {
                baseUrl.completeExceptionally(e);
            }
        }, "emulator-output");
        reader.setDaemon(true);
        reader.start();
        return baseUrl.get(60, TimeUnit.SECONDS);
    }
}
