package io.github.camelkeboola.springboot;

import java.util.HashMap;
import java.util.Map;

import io.github.camelkeboola.component.KeboolaComponent;
import io.github.camelkeboola.component.KeboolaConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Component;
import org.apache.camel.spi.ComponentCustomizer;
import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.apache.camel.spring.boot.ComponentConfigurationProperties;
import org.apache.camel.spring.boot.util.CamelPropertiesHelper;
import org.apache.camel.spring.boot.util.ConditionalOnCamelContextAndAutoConfigurationBeans;
import org.apache.camel.spring.boot.util.ConditionalOnHierarchicalProperties;
import org.apache.camel.spring.boot.util.HierarchicalPropertiesEvaluator;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Lazy;

/**
 * Applies {@code camel.component.keboola.*} to the {@code keboola} component when Camel creates it, then a
 * {@link KeboolaConnectionDetails} bean if there is one. Off with {@code camel.component.keboola.enabled=false}
 * or {@code camel.component.keboola.customizer.enabled=false}.
 */
@AutoConfiguration(after = CamelAutoConfiguration.class)
@Conditional(ConditionalOnCamelContextAndAutoConfigurationBeans.class)
@EnableConfigurationProperties({ComponentConfigurationProperties.class, KeboolaComponentConfiguration.class})
@ConditionalOnHierarchicalProperties({"camel.component", "camel.component.keboola"})
public class KeboolaComponentAutoConfiguration {

    /** Static: property binding needs the converter before this configuration's own beans exist. */
    @Bean
    @ConfigurationPropertiesBinding
    static KeboolaComponentConverter keboolaComponentConverter(BeanFactory beanFactory) {
        return new KeboolaComponentConverter(beanFactory);
    }

    @Lazy
    @Bean
    ComponentCustomizer configureKeboolaComponent(ApplicationContext applicationContext,
            KeboolaComponentConfiguration configuration, ObjectProvider<KeboolaConnectionDetails> connectionDetails) {
        return new ComponentCustomizer() {
            @Override
            public void configure(String name, Component target) {
                applyProperties(target.getCamelContext(), configuration, target);
                connectionDetails.ifAvailable(details -> {
                    KeboolaConfiguration component = ((KeboolaComponent) target).getConfiguration();
                    component.setStackUrl(details.stackUrl());
                    component.setToken(details.token());
                });
            }

            @Override
            public boolean isEnabled(String name, Component target) {
                return target instanceof KeboolaComponent && HierarchicalPropertiesEvaluator.evaluate(applicationContext,
                        "camel.component.customizer", "camel.component.keboola.customizer");
            }
        };
    }

    /**
     * Only the properties that are set (none has an initial value): a whole {@code configuration} bean first,
     * so the single options set next refine it instead of being replaced by it.
     */
    private static void applyProperties(CamelContext camelContext, KeboolaComponentConfiguration configuration,
            Component target) {
        Map<String, Object> properties = CamelPropertiesHelper.getNonNullProperties(camelContext, configuration);
        properties.remove("enabled");
        properties.remove("customizer");
        Object whole = properties.remove("configuration");
        if (whole != null) {
            CamelPropertiesHelper.setCamelProperties(camelContext, target, new HashMap<>(Map.of("configuration", whole)), true);
        }
        CamelPropertiesHelper.setCamelProperties(camelContext, target, properties, true);
    }
}
