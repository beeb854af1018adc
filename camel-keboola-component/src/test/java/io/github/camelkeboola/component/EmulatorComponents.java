package io.github.camelkeboola.component;

import io.github.camelkeboola.emulator.KeboolaEmulator;

/** The component as route tests set it up: stack and token on the component (no URI carries the token), fast retries. */
public final class EmulatorComponents {

    private EmulatorComponents() {
    }

    /** Pointed at the emulator, with retries and job polls short enough for tests; tests refine the rest. */
    public static KeboolaComponent pointedAt(KeboolaEmulator emulator) {
        KeboolaComponent keboola = new KeboolaComponent();
        KeboolaConfiguration configuration = keboola.getConfiguration();
        configuration.setStackUrl(emulator.baseUrl());
        configuration.setToken(emulator.token());
        configuration.setRetryInitialDelay(20);
        configuration.setJobPollMaxInterval(200);
        return keboola;
    }
}
