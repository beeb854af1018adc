package io.github.camelkeboola.emulator.probe;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** One standalone emulator (aws) per probe class, shared by its tests: the probes extend this. */
abstract class AwsProbe {

    // Static and shared by the subclasses: the probe classes run one after another (no JUnit parallel mode).
    static ProbeEmulator emulator;
    static ProbeHttp http;
    static ProbeSupport kbc;

    @BeforeAll
    static void start() throws Exception {
        emulator = ProbeEmulator.start("aws");
        http = new ProbeHttp(emulator.baseUrl(), emulator.token());
        kbc = new ProbeSupport(http);
    }

    @AfterAll
    static void stop() throws Exception {
        if (emulator != null) {
            emulator.close();
        }
    }
}
