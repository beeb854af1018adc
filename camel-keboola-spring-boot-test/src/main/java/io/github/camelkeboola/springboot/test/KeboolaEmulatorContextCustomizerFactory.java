package io.github.camelkeboola.springboot.test;

import java.util.List;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;

/** Acts on test classes annotated {@link EmbeddedKeboolaEmulator} (registered in META-INF/spring.factories). */
class KeboolaEmulatorContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
            List<ContextConfigurationAttributes> configAttributes) {
        EmbeddedKeboolaEmulator annotation =
                TestContextAnnotationUtils.findMergedAnnotation(testClass, EmbeddedKeboolaEmulator.class);
        return annotation == null ? null : new EmulatorCustomizer(annotation.provider());
    }

    /** A record: equal for equal providers, so Spring's context cache shares the context and its emulator. */
    private record EmulatorCustomizer(String provider) implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
            new KeboolaEmulatorInitializer(provider).initialize(context);
        }
    }
}
