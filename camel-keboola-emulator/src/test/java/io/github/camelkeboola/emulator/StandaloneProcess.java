package io.github.camelkeboola.emulator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;

/** The standalone jar running as a child process, for the tests failsafe runs after {@code package}. */
final class StandaloneProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("listening on (http://127\\.0\\.0\\.1:(\\d+))");

    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final String baseUrl;

    StandaloneProcess(List<String> jvmOptions, String... args) throws IOException {
        Path jar = Path.of(System.getProperty("standalone.jar", "target/missing.jar"));
        if (!Files.exists(jar)) {
            throw new IllegalStateException("build the standalone jar first: " + jar);
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString()));
        command.addAll(List.of(args));
        process = new ProcessBuilder(command).redirectErrorStream(true).start();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> lines.stream().anyMatch(l -> LISTENING.matcher(l).find())
                || !process.isAlive());
        Matcher m = lines.stream().map(LISTENING::matcher).filter(Matcher::find).findFirst()
                .orElseThrow(() -> new AssertionError("no 'listening on' line; output: " + lines));
        baseUrl = m.group(1);
    }

    String baseUrl() {
        return baseUrl;
    }

    List<String> output() {
        return lines;
    }

    /** SIGTERM, then waits for the shutdown hook to finish; false if it did not stop in time. */
    boolean terminate() throws InterruptedException {
        process.destroy();
        return process.waitFor(60, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }
}
