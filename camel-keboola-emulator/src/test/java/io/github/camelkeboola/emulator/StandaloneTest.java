package io.github.camelkeboola.emulator;

import io.github.camelkeboola.emulator.api.ApiClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shaded standalone jar as a child process (run by failsafe after {@code package}). */
class StandaloneTest {

    private static final Pattern LISTENING = Pattern.compile("listening on (http://127\\.0\\.0\\.1:(\\d+))");

    @TempDir
    Path dataDir;

    private Process process;

    @AfterEach
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** Starts the jar and waits for its "listening on" line; returns the base URL. */
    private String start(String... args) throws IOException {
        Path jar = Path.of(System.getProperty("standalone.jar"));
        assertTrue(Files.exists(jar), "build the standalone jar first: " + jar);
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-jar", jar.toString()));
        command.addAll(List.of(args));
        process = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> lines = new CopyOnWriteArrayList<>();
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
                .orElseThrow(() -> new AssertionError("no listening line; output: " + lines));
        assertTrue(lines.stream().noneMatch(l -> l.contains("standalone-secret-token")), "the token must not be logged");
        return m.group(1);
    }

    private void terminate() throws InterruptedException {
        process.destroy();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "stops on SIGTERM");
    }

    @Test
    void servesTheApiAndKeepsDataAcrossRestarts() throws Exception {
        String token = "standalone-secret-token";
        String url = start("--port", "0", "--token", token, "--provider", "aws", "--data-dir", dataDir.toString());
        ApiClient api = new ApiClient(url, token);
        assertEquals("storage", api.withToken(null).get("/v2/storage").json().get("api").asText());
        assertEquals(201, api.postJson("/v2/storage/buckets", Map.of("name", "kept")).status());
        assertEquals(201, api.postForm("/v2/storage/buckets/in.c-kept/tables", "name", "t", "dataString", "a\n1\n2\n").status());
        long fileId = new io.github.camelkeboola.emulator.api.Tables(api).upload("x\n1\n");
        terminate();

        String again = start("--port", "0", "--token", token, "--data-dir", dataDir.toString());
        ApiClient restarted = new ApiClient(again, token);
        assertEquals(200, restarted.get("/v2/storage/buckets/in.c-kept").status());
        assertEquals("\"a\"\n\"1\"\n\"2\"\n", restarted.get("/v2/storage/tables/in.c-kept.t/data-preview?orderBy[0][column]=a").body());
        assertEquals(200, restarted.get("/v2/storage/files/" + fileId).status());
        assertEquals("x\n1\n", new String(download(restarted, fileId), StandardCharsets.UTF_8));
        terminate();
    }

    private static byte[] download(ApiClient api, long fileId) {
        var detail = new io.github.camelkeboola.emulator.api.Tables(api).file(fileId);
        return io.github.camelkeboola.emulator.api.S3Files.object(detail);
    }

    @Test
    void fixedPortAndUsage() throws Exception {
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        String url = start("--port", String.valueOf(port), "--token", "t");
        assertEquals("http://127.0.0.1:" + port, url);
        terminate();

        Process bad = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                System.getProperty("standalone.jar"), "--bogus", "x").redirectErrorStream(true).start();
        String output = new String(bad.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(bad.waitFor(30, TimeUnit.SECONDS));
        assertEquals(2, bad.exitValue());
        assertTrue(output.contains("Usage"), output);
    }
}
