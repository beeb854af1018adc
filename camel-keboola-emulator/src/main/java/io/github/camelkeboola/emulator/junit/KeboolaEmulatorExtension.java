package io.github.camelkeboola.emulator.junit;

import io.github.camelkeboola.emulator.KeboolaEmulator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts one emulator per test class and stops it after the class.
 * <pre>{@code
 * @RegisterExtension
 * static final KeboolaEmulatorExtension KEBOOLA = KeboolaEmulatorExtension.provider("aws");
 * ... KEBOOLA.emulator().baseUrl() ...
 * }</pre>
 * or {@code @ExtendWith(KeboolaEmulatorExtension.class)} with a {@link KeboolaEmulator} parameter
 * (constructor, lifecycle or test method). Registered on an instance field, it starts one emulator per test.
 */
public class KeboolaEmulatorExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback, ParameterResolver {

    private final String provider;
    private KeboolaEmulator emulator;
    /** Whether the running emulator was started for one test (instance field registration) rather than the class. */
    private boolean perTest;

    /** The default flavour ({@code aws}); used by {@code @ExtendWith}. */
    public KeboolaEmulatorExtension() {
        this("aws");
    }

    private KeboolaEmulatorExtension(String provider) {
        this.provider = provider;
    }

    /** An extension whose emulator uses this file storage flavour: {@code aws}, {@code azure} or {@code gcp}. */
    public static KeboolaEmulatorExtension provider(String provider) {
        return new KeboolaEmulatorExtension(provider);
    }

    /** The running emulator (between beforeAll and afterAll). */
    public KeboolaEmulator emulator() {
        if (emulator == null) {
            throw new IllegalStateException("The Keboola emulator runs only while a test class using it runs");
        }
        return emulator;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        emulator = KeboolaEmulator.builder().provider(provider).start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (emulator != null) {
            emulator.close();
            emulator = null;
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (emulator == null) {
            emulator = KeboolaEmulator.builder().provider(provider).start();
            perTest = true;
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (perTest) {
            afterAll(context);
            perTest = false;
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == KeboolaEmulator.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return emulator();
    }
}
