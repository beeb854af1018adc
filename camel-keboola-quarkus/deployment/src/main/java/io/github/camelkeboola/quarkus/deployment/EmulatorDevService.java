package io.github.camelkeboola.quarkus.deployment;

import io.quarkus.deployment.builditem.Startable;

import java.util.function.Supplier;

/**
 * The Storage API emulator as a dev service, started and stopped by Quarkus's dev services registry. It runs in
 * this JVM in a class loader of its own ({@link EmulatorClassLoader}), so it is driven through its public API by
 * reflection: {@code KeboolaEmulator.builder().provider(..).port(..).start()}, {@code baseUrl()}, {@code token()}.
 */
final class EmulatorDevService implements Startable {

    private static final String EMULATOR = "io.github.camelkeboola.emulator.KeboolaEmulator";

    private final EmulatorSettings settings;
    private final Supplier<EmulatorClassLoader> loaders;
    private EmulatorClassLoader loader;
    private AutoCloseable emulator;
    private String baseUrl;
    private String token;

    EmulatorDevService(EmulatorSettings settings, Supplier<EmulatorClassLoader> loaders) {
        this.settings = settings;
        this.loaders = loaders;
    }

    @Override
    public void start() {
        loader = loaders.get();
        // jclouds finds its providers through the context class loader, also in the threads it starts
        withContextLoader(() -> {
            Class<?> type = loader.loadClass(EMULATOR);
            Object builder = type.getMethod("builder").invoke(null);
            builder.getClass().getMethod("provider", String.class).invoke(builder, settings.provider());
            builder.getClass().getMethod("port", int.class).invoke(builder, settings.port());
            emulator = (AutoCloseable) builder.getClass().getMethod("start").invoke(builder);
            baseUrl = (String) type.getMethod("baseUrl").invoke(emulator);
            token = (String) type.getMethod("token").invoke(emulator);
        });
    }

    /** The stack URL, {@code http://127.0.0.1:PORT}. */
    @Override
    public String getConnectionInfo() {
        return baseUrl;
    }

    String token() {
        return token;
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
            withContextLoader(emulator::close);
        }
        if (loader != null) {
            withContextLoader(loader::close);
        }
    }

    private void withContextLoader(ThrowingRunnable action) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            action.run();
        } catch (RuntimeException e) {
            throw e;
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw new IllegalStateException("The Keboola emulator failed: " + e.getCause(), e.getCause());
        } catch (Exception e) {
            throw new IllegalStateException("The Keboola emulator failed: " + e, e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    /** What the service is started with: Quarkus keeps a running service across restarts while these are equal. */
    record EmulatorSettings(String provider, int port) {
    }
}
