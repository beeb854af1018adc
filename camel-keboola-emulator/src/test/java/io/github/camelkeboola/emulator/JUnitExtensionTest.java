package io.github.camelkeboola.emulator;

import io.github.camelkeboola.emulator.api.ApiClient;
import io.github.camelkeboola.emulator.junit.KeboolaEmulatorExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JUnitExtensionTest {

    @Nested
    class Registered {
        @RegisterExtension
        final KeboolaEmulatorExtension keboola = KeboolaEmulatorExtension.provider("aws");

        @Test
        void emulatorRunsDuringTheTest() {
            ApiClient api = new ApiClient(keboola.emulator().baseUrl(), keboola.emulator().token());
            assertEquals(200, api.get("/v2/storage/tokens/verify").status());
        }
    }

    @Nested
    @ExtendWith(KeboolaEmulatorExtension.class)
    class Injected {
        static KeboolaEmulator fromBeforeAll;

        @BeforeAll
        static void remember(KeboolaEmulator emulator) {
            fromBeforeAll = emulator;
        }

        @Test
        void parameterIsTheClassEmulator(KeboolaEmulator emulator) {
            assertSame(fromBeforeAll, emulator);
            assertTrue(emulator.baseUrl().startsWith("http://127.0.0.1:"));
            ApiClient api = new ApiClient(emulator.baseUrl(), emulator.token());
            assertEquals(201, api.postJson("/v2/storage/buckets", Map.of("name", "junit")).status());
        }

        @Test
        void sameEmulatorForEveryTestOfTheClass(KeboolaEmulator emulator) {
            assertSame(fromBeforeAll, emulator);
        }
    }

    @Test
    void emulatorIsUnavailableOutsideATestClass() {
        assertThrows(IllegalStateException.class, () -> KeboolaEmulatorExtension.provider("aws").emulator());
    }
}
