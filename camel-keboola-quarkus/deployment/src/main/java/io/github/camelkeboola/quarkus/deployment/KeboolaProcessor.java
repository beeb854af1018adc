package io.github.camelkeboola.quarkus.deployment;

import io.github.camelkeboola.component.KeboolaOperation;
import io.github.camelkeboola.component.KeboolaOutputType;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.ExtensionSslNativeSupportBuildItem;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.deployment.builditem.nativeimage.NativeImageResourceBuildItem;
import io.quarkus.deployment.builditem.nativeimage.ReflectiveClassBuildItem;
import org.apache.camel.quarkus.core.deployment.spi.CamelServiceDestination;
import org.apache.camel.quarkus.core.deployment.spi.CamelServicePatternBuildItem;

/**
 * The keboola: component under Camel Quarkus. Camel Quarkus core already picks up the component, configurer and
 * URI factory service files (and registers the classes they name for reflection); this adds what it does not
 * cover. The component binds Storage API JSON to Jackson trees and JDK maps, never to classes of its own, so no
 * DTO needs reflection.
 */
class KeboolaProcessor {

    static final String FEATURE = "camel-keboola";

    static final String CATALOG_JSON = "META-INF/io/github/camelkeboola/component/keboola.json";
    static final String DEV_CONSOLE_SERVICE = "META-INF/services/org/apache/camel/dev-console/keboola";

    @BuildStep
    FeatureBuildItem feature() {
        return new FeatureBuildItem(FEATURE);
    }

    /** Stacks and file storages are HTTPS. */
    @BuildStep
    ExtensionSslNativeSupportBuildItem sslNativeSupport() {
        return new ExtensionSslNativeSupportBuildItem(FEATURE);
    }

    /** Dev consoles are not among core's default service patterns: the keboola console is loaded by name. */
    @BuildStep
    CamelServicePatternBuildItem devConsoleService() {
        return new CamelServicePatternBuildItem(CamelServiceDestination.DISCOVERY, true, DEV_CONSOLE_SERVICE);
    }

    /** The option catalog, read by name by Camel's catalog, endpoint validation and tooling. */
    @BuildStep
    NativeImageResourceBuildItem catalog() {
        return new NativeImageResourceBuildItem(CATALOG_JSON);
    }

    /** Option values reach these enums through Camel's type converter, which looks their constants up reflectively. */
    @BuildStep
    void optionEnums(BuildProducer<ReflectiveClassBuildItem> reflective) {
        reflective.produce(ReflectiveClassBuildItem.builder(KeboolaOperation.class, KeboolaOutputType.class)
                .methods().fields().reason(FEATURE + " option enums").build());
    }
}
