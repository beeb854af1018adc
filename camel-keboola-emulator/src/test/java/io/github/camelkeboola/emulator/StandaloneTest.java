package io.github.camelkeboola.emulator;

import io.github.camelkeboola.emulator.api.ApiClient;
import io.github.camelkeboola.emulator.api.S3Files;
import io.github.camelkeboola.emulator.api.Tables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shaded standalone jar as a child process (run by failsafe after {@code package}). */
class StandaloneTest {

    @TempDir
    Path dataDir;

    @Test
    void servesTheApiAndKeepsDataAcrossRestarts() throws Exception {
        String token = "standalone-secret-token";
        long fileId;
        try (StandaloneProcess first = new StandaloneProcess(List.of("-Xmx512m"), "--port", "0", "--token", token,
                "--provider", "aws", "--data-dir", dataDir.toString())) {
            ApiClient api = new ApiClient(first.baseUrl(), token);
            assertEquals("storage", api.withToken(null).get("/v2/storage").json().get("api").asText());
            assertEquals(201, api.postJson("/v2/storage/buckets", Map.of("name", "kept")).status());
            assertEquals(201, api.postForm("/v2/storage/buckets/in.c-kept/tables", "name", "t", "dataString", "a\n1\n2\n").status());
            fileId = new Tables(api).upload("x\n1\n");
            assertTrue(first.terminate(), "stops on SIGTERM");
            assertTrue(first.output().stream().noneMatch(l -> l.contains(token)), "the token must not be logged");
        }
        try (StandaloneProcess again = new StandaloneProcess(List.of(), "--port", "0", "--token", token,
                "--data-dir", dataDir.toString())) {
            ApiClient api = new ApiClient(again.baseUrl(), token);
            assertEquals(200, api.get("/v2/storage/buckets/in.c-kept").status());
            assertEquals("\"a\"\n\"1\"\n\"2\"\n", api.get("/v2/storage/tables/in.c-kept.t/data-preview?orderBy[0][column]=a").body());
            assertEquals("x\n1\n", new String(S3Files.object(new Tables(api).file(fileId)), StandardCharsets.UTF_8));
            assertTrue(again.terminate());
        }
    }

    @Test
    void fixedPortAndUsage() throws Exception {
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        try (StandaloneProcess fixed = new StandaloneProcess(List.of(), "--port", String.valueOf(port), "--token", "t")) {
            assertEquals("http://127.0.0.1:" + port, fixed.baseUrl());
            assertEquals(200, new ApiClient(fixed.baseUrl(), "t").get("/v2/storage/tokens/verify").status());
        }
        Process bad = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                System.getProperty("standalone.jar"), "--bogus", "x").redirectErrorStream(true).start();
        String output = new String(bad.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(bad.waitFor(30, TimeUnit.SECONDS));
        assertEquals(2, bad.exitValue());
        assertTrue(output.contains("Usage"), output);
    }
}
