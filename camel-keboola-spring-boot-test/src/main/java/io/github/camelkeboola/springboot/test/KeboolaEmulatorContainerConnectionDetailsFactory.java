package io.github.camelkeboola.springboot.test;

import io.github.camelkeboola.emulator.testcontainers.KeboolaEmulatorContainer;
import io.github.camelkeboola.springboot.KeboolaConnectionDetails;
import org.springframework.boot.testcontainers.service.connection.ContainerConnectionDetailsFactory;
import org.springframework.boot.testcontainers.service.connection.ContainerConnectionSource;

/**
 * {@code @ServiceConnection} for a {@link KeboolaEmulatorContainer} field: the component connects to the
 * container's stack URL with its token (registered in META-INF/spring.factories).
 */
class KeboolaEmulatorContainerConnectionDetailsFactory
        extends ContainerConnectionDetailsFactory<KeboolaEmulatorContainer, KeboolaConnectionDetails> {

    KeboolaEmulatorContainerConnectionDetailsFactory() {
        // matched by the container's type: its image is built on the fly and has no fixed name
        super(ANY_CONNECTION_NAME);
    }

    @Override
    protected KeboolaConnectionDetails getContainerConnectionDetails(
            ContainerConnectionSource<KeboolaEmulatorContainer> source) {
        return new ContainerDetails(source);
    }

    /** Read from the container once it runs (Spring starts it before the first call). */
    private static final class ContainerDetails extends ContainerConnectionDetails<KeboolaEmulatorContainer>
            implements KeboolaConnectionDetails {

        ContainerDetails(ContainerConnectionSource<KeboolaEmulatorContainer> source) {
            super(source);
        }

        @Override
        public String stackUrl() {
            return getContainer().getBaseUrl();
        }

        @Override
        public String token() {
            return getContainer().getToken();
        }

        @Override
        public String toString() {
            return "Keboola emulator container";
        }
    }
}
