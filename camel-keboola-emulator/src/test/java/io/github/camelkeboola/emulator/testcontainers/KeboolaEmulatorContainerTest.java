package io.github.camelkeboola.emulator.testcontainers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the container is configured with, checked without a Docker engine. */
class KeboolaEmulatorContainerTest {

    @TempDir
    Path dir;

    @Test
    void passesPortTokenAndProviderToTheEmulatorOnTheHostNetwork() throws IOException {
        try (KeboolaEmulatorContainer container = new KeboolaEmulatorContainer(jar())
                .withToken("t-1").withProvider("gcp")) {
            container.configure();

            String port = container.getBaseUrl().substring("http://127.0.0.1:".length());
            assertTrue(Integer.parseInt(port) > 0, container.getBaseUrl());
            assertEquals(List.of("--port", port, "--token", "t-1", "--provider", "gcp"),
                    List.of(container.getCommandParts()));
            assertEquals("host", container.getNetworkMode());
            assertEquals("t-1", container.getToken());
        }
    }

    @Test
    void defaultsToAwsAndARandomTokenPerContainer() throws IOException {
        try (KeboolaEmulatorContainer a = new KeboolaEmulatorContainer(jar());
             KeboolaEmulatorContainer b = new KeboolaEmulatorContainer(jar())) {
            assertNotEquals(a.getToken(), b.getToken());
            assertEquals("aws", a.getProvider());
            a.configure();
            assertTrue(List.of(a.getCommandParts()).contains("aws"));
        }
    }

    @Test
    void rejectsUnknownProviderAndBlankToken() throws IOException {
        KeboolaEmulatorContainer container = new KeboolaEmulatorContainer(jar());

        IllegalArgumentException provider = assertThrows(IllegalArgumentException.class,
                () -> container.withProvider("s3"));
        assertTrue(provider.getMessage().contains("s3"), provider.getMessage());
        assertThrows(IllegalArgumentException.class, () -> container.withToken(" "));
    }

    @Test
    void namesTheMissingJar() {
        Path missing = dir.resolve("nope-standalone.jar");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new KeboolaEmulatorContainer(missing));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }

    private Path jar() throws IOException {
        return Files.write(dir.resolve("emulator-standalone.jar"), new byte[] {0x50, 0x4b, 0x05, 0x06});
    }
}
