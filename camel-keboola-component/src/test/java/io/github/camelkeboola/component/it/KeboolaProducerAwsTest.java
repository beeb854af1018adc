package io.github.camelkeboola.component.it;

import io.github.camelkeboola.emulator.KeboolaEmulator;
import io.github.camelkeboola.emulator.junit.KeboolaEmulatorExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The producer against the emulator with aws file storage. */
class KeboolaProducerAwsTest extends AbstractKeboolaProducerEmulatorTest {

    @RegisterExtension
    static final KeboolaEmulatorExtension KEBOOLA = KeboolaEmulatorExtension.provider("aws");

    @Override
    KeboolaEmulator emulator() {
        return KEBOOLA.emulator();
    }
}
