package io.github.camelkeboola.component.it;

import io.github.camelkeboola.emulator.KeboolaEmulator;
import io.github.camelkeboola.emulator.junit.KeboolaEmulatorExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The producer against the emulator with azure file storage. */
class KeboolaProducerAzureTest extends AbstractKeboolaProducerEmulatorTest {

    @RegisterExtension
    static final KeboolaEmulatorExtension KEBOOLA = KeboolaEmulatorExtension.provider("azure");

    @Override
    KeboolaEmulator emulator() {
        return KEBOOLA.emulator();
    }
}
