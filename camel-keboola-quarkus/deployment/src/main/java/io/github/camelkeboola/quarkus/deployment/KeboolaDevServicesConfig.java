package io.github.camelkeboola.quarkus.deployment;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.OptionalInt;

/** Build-time settings of the keboola: extension. */
@ConfigMapping(prefix = "quarkus.camel.keboola")
@ConfigRoot(phase = ConfigPhase.BUILD_TIME)
public interface KeboolaDevServicesConfig {

    /** The Storage API emulator started in dev and test mode. */
    DevServices devservices();

    interface DevServices {

        /**
         * Whether the emulator starts in dev and test mode. It never starts when
         * {@code camel.component.keboola.stack-url} or {@code camel.component.keboola.token} is set, nor in prod mode.
         */
        @WithDefault("true")
        boolean enabled();

        /** The emulator's file storage flavour: {@code aws} (S3), {@code azure} (Blob) or {@code gcp} (GCS). */
        @WithDefault("aws")
        String provider();

        /** The emulator's Storage API port on 127.0.0.1; a free port when unset. */
        OptionalInt port();
    }
}
