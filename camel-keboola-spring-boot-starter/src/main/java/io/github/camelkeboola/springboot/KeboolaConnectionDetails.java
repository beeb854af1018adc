package io.github.camelkeboola.springboot;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;

/**
 * Where the {@code keboola} component connects: a stack URL and its Storage API token. A bean of this type (a
 * test's {@code @ServiceConnection} emulator container or embedded emulator) wins over
 * {@code camel.component.keboola.stack-url} and {@code camel.component.keboola.token}.
 */
public interface KeboolaConnectionDetails extends ConnectionDetails {

    /** The stack URL (the Storage API base), e.g. {@code https://connection.keboola.com}. */
    String stackUrl();

    /** The Storage API token. */
    String token();
}
