package io.github.camelkeboola.quarkus.deployment;

import io.quarkus.test.QuarkusUnitTest;
import jakarta.inject.Inject;
import org.apache.camel.ProducerTemplate;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** quarkus.camel.keboola.devservices.provider picks the emulator's file storage flavour. */
class KeboolaDevServiceProviderTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClass(TableRoundTrip.class))
            .overrideConfigKey("quarkus.camel.keboola.devservices.provider", "gcp");

    @Inject
    ProducerTemplate producer;

    @ConfigProperty(name = "camel.component.keboola.stack-url")
    String stackUrl;

    @ConfigProperty(name = "camel.component.keboola.token")
    String token;

    @Test
    void stackReportsTheChosenFileStorage() throws Exception {
        HttpResponse<String> verify = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(stackUrl + "/v2/storage/tokens/verify"))
                        .header("X-StorageApi-Token", token).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(verify.statusCode()).isEqualTo(200);
        assertThat(verify.body()).contains("\"fileStorageProvider\":\"gcp\"");
    }

    @Test
    void importsAndExportsThroughThatFileStorage() throws Exception {
        TableRoundTrip.importAndExport(producer, "in.c-devservice.gcp");
    }
}
