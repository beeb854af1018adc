package io.github.camelkeboola.quarkus.deployment;

import io.github.camelkeboola.emulator.KeboolaEmulator;
import io.quarkus.deployment.builditem.Startable;

/** The embedded Storage API emulator as a dev service: started and stopped by Quarkus's dev services registry. */
final class EmulatorDevService implements Startable {

    private final EmulatorSettings settings;
    private KeboolaEmulator emulator;

    EmulatorDevService(EmulatorSettings settings) {
        this.settings = settings;
    }

    @Override
    public void start() {
        emulator = KeboolaEmulator.builder().provider(settings.provider()).port(settings.port()).start();
    }

    /** The stack URL, {@code http://127.0.0.1:PORT}. */
    @Override
    public String getConnectionInfo() {
        return emulator.baseUrl();
    }

    String token() {
        return emulator.token();
    }

    String provider() {
        return settings.provider();
    }

    /** Runs in this JVM: no container. */
    @Override
    public String getContainerId() {
        return null;
    }

    @Override
    public void close() {
        if (emulator != null) {
            emulator.close();
        }
    }

    /** What the service is started with: Quarkus keeps a running service across restarts while these are equal. */
    record EmulatorSettings(String provider, int port) {
    }
}
