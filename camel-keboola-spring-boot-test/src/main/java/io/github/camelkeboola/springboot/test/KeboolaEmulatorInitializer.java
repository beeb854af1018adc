package io.github.camelkeboola.springboot.test;

import io.github.camelkeboola.emulator.KeboolaEmulator;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

/**
 * Starts an embedded Keboola Storage API emulator before the application context refreshes, registers it as the
 * {@code keboolaEmulator} bean and as the context's {@link io.github.camelkeboola.springboot.KeboolaConnectionDetails},
 * and closes it when the context closes. Behind {@link EmbeddedKeboolaEmulator}; usable on its own with
 * {@code @ContextConfiguration(initializers = KeboolaEmulatorInitializer.class)} or
 * {@code SpringApplication.addInitializers(...)}.
 */
public class KeboolaEmulatorInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static final String EMULATOR_BEAN = "keboolaEmulator";

    private final String provider;

    public KeboolaEmulatorInitializer() {
        this("aws");
    }

    /** @param provider the file storage imitated: {@code aws}, {@code azure} or {@code gcp} */
    public KeboolaEmulatorInitializer(String provider) {
        this.provider = provider;
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        KeboolaEmulator emulator = KeboolaEmulator.builder().provider(provider).start();
        context.getBeanFactory().registerSingleton(EMULATOR_BEAN, emulator);
        context.getBeanFactory().registerSingleton("keboolaEmulatorConnectionDetails",
                new EmulatorConnectionDetails(emulator.baseUrl(), emulator.token()));
        // a registered singleton gets no destroy callback; the closed event comes after Camel has stopped
        context.addApplicationListener(event -> {
            if (event instanceof ContextClosedEvent closed && closed.getApplicationContext() == context) {
                emulator.close();
            }
        });
    }
}
