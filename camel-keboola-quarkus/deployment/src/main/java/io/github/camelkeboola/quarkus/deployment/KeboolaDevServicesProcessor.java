package io.github.camelkeboola.quarkus.deployment;

import io.github.camelkeboola.quarkus.deployment.EmulatorDevService.EmulatorSettings;
import io.quarkus.deployment.IsNormal;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.DevServicesResultBuildItem;
import io.quarkus.deployment.dev.devservices.DevServicesConfig;
import io.quarkus.deployment.pkg.builditem.CurateOutcomeBuildItem;
import io.quarkus.runtime.configuration.ConfigUtils;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * In dev and test mode, with no stack configured, starts the embedded Storage API emulator and points the component
 * at it, as Quarkus's own dev services do for Kafka or databases.
 */
class KeboolaDevServicesProcessor {

    private static final Logger LOG = Logger.getLogger(KeboolaDevServicesProcessor.class);

    static final String STACK_URL = "camel.component.keboola.stack-url";
    static final String TOKEN = "camel.component.keboola.token";
    /**
     * Either one means a stack is configured. A token alone is for the default stack: it must never be sent to the
     * emulator in its place. Camel binds both spellings of an option.
     */
    private static final List<String> CONNECTION_KEYS = List.of(STACK_URL, "camel.component.keboola.stackUrl", TOKEN);

    @BuildStep(onlyIfNot = IsNormal.class, onlyIf = DevServicesConfig.Enabled.class)
    DevServicesResultBuildItem emulator(KeboolaDevServicesConfig config, CurateOutcomeBuildItem curateOutcome) {
        KeboolaDevServicesConfig.DevServices devServices = config.devservices();
        if (!devServices.enabled()) {
            LOG.debug("Not starting Dev Services for Keboola: quarkus.camel.keboola.devservices.enabled is false");
            return null;
        }
        Optional<String> configured = CONNECTION_KEYS.stream().filter(ConfigUtils::isPropertyNonEmpty).findFirst();
        if (configured.isPresent()) {
            LOG.debugf("Not starting Dev Services for Keboola: %s is set", configured.get());
            return null;
        }
        EmulatorSettings settings = new EmulatorSettings(devServices.provider(), devServices.port().orElse(0));
        return DevServicesResultBuildItem.<EmulatorDevService>owned()
                .feature(KeboolaProcessor.FEATURE)
                .serviceName("keboola")
                .serviceConfig(settings)
                .startable(() -> new EmulatorDevService(settings, () -> EmulatorClassLoader.of(
                        curateOutcome.getApplicationModel(), KeboolaDevServicesProcessor.class.getClassLoader())))
                .postStartHook(emulator -> LOG.infof(
                        "Dev Services for Keboola started the Storage API emulator (%s file storage) at %s;"
                                + " %s and %s point at it",
                        emulator.provider(), emulator.getConnectionInfo(), STACK_URL, TOKEN))
                .configProvider(Map.of(
                        STACK_URL, EmulatorDevService::getConnectionInfo,
                        TOKEN, EmulatorDevService::token))
                .build();
    }
}
