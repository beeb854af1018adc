package io.github.camelkeboola.emulator;

import io.github.camelkeboola.emulator.api.ApiClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Embedded use from Java: the builder, restarts on a data directory, tokens. */
class KeboolaEmulatorTest {

    @TempDir
    Path dataDir;

    @Test
    void defaultsToARandomLoopbackPortARandomTokenAndATemporaryDataDir() {
        Path tempDir;
        try (KeboolaEmulator emulator = KeboolaEmulator.builder().start()) {
            assertTrue(emulator.baseUrl().matches("http://127\\.0\\.0\\.1:\\d+"), emulator.baseUrl());
            assertTrue(emulator.token().length() > 20);
            tempDir = emulator.dataDir();
            assertTrue(Files.isDirectory(tempDir));
            assertEquals(200, new ApiClient(emulator.baseUrl(), emulator.token()).get("/v2/storage/tokens/verify").status());
        }
        assertFalse(Files.exists(tempDir), "the temporary data directory is deleted on close");
    }

    @Test
    void dataDirKeepsProjectAndTokenAcrossRestarts() {
        String token;
        String limited;
        long branch;
        try (KeboolaEmulator first = KeboolaEmulator.builder().dataDir(dataDir).start()) {
            token = first.token();
            limited = first.createToken("reader", Map.of("in.c-keep", "read"));
            ApiClient api = new ApiClient(first.baseUrl(), token);
            assertEquals(201, api.postJson("/v2/storage/buckets", Map.of("name", "keep")).status());
            assertEquals(201, api.postForm("/v2/storage/buckets/in.c-keep/tables", "name", "t", "dataString", "a\n1\n").status());
            branch = first.createBranch("kept");
            assertEquals(201, api.postJson("/v2/storage/branch/" + branch + "/buckets", Map.of("name", "dev")).status());
        }
        try (KeboolaEmulator second = KeboolaEmulator.builder().dataDir(dataDir).start()) {
            assertEquals(token, second.token(), "the stored master token is kept when none is given");
            ApiClient api = new ApiClient(second.baseUrl(), token);
            assertEquals(1, api.get("/v2/storage/tables/in.c-keep.t").json().get("rowsCount").asLong());
            assertEquals(200, api.withToken(limited).get("/v2/storage/tables/in.c-keep.t").status());
            assertEquals("kept", api.get("/v2/storage/dev-branches/" + branch).json().get("name").asText());
            assertEquals(200, api.get("/v2/storage/branch/" + branch + "/buckets/in.c-dev").status());
            assertEquals(404, api.get("/v2/storage/buckets/in.c-dev").status());
            assertEquals(404, api.get("/v2/storage/branch/" + branch + "/buckets/in.c-keep").status());
        }
        try (KeboolaEmulator third = KeboolaEmulator.builder().dataDir(dataDir).token("replaced").start()) {
            assertEquals(401, new ApiClient(third.baseUrl(), token).get("/v2/storage/tokens/verify").status());
            assertEquals(200, new ApiClient(third.baseUrl(), "replaced").get("/v2/storage/buckets/in.c-keep").status());
        }
        assertTrue(Files.exists(dataDir.resolve("catalog.json")));
    }

    @Test
    void fixedPortAndTwoEmulatorsSideBySide() throws Exception {
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        try (KeboolaEmulator a = KeboolaEmulator.builder().port(port).token("a").start();
             KeboolaEmulator b = KeboolaEmulator.builder().token("b").start()) {
            assertEquals("http://127.0.0.1:" + port, a.baseUrl());
            assertNotEquals(a.baseUrl(), b.baseUrl());
            assertEquals(401, new ApiClient(b.baseUrl(), "a").get("/v2/storage/tokens/verify").status());
        }
    }

    @Test
    void invalidSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> KeboolaEmulator.builder().provider("ibm"));
        assertThrows(IllegalArgumentException.class, () -> KeboolaEmulator.builder().sliceRows(0));
        try (KeboolaEmulator emulator = KeboolaEmulator.builder().start()) {
            assertThrows(IllegalArgumentException.class, () -> emulator.createToken("x", Map.of("in.c-a", "admin")));
        }
    }
}
