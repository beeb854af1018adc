package io.github.camelkeboola.component.dsl;

import io.github.camelkeboola.component.KeboolaComponent;
import org.apache.camel.catalog.CamelCatalog;
import org.apache.camel.catalog.DefaultCamelCatalog;
import org.apache.camel.catalog.EndpointValidationResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** What a tool sees once it registers the component's keboola.json in Camel's catalog, as the guide describes. */
class KeboolaCatalogValidationTest {

    private static CamelCatalog catalog;

    @BeforeAll
    static void registerTheComponent() throws IOException {
        catalog = new DefaultCamelCatalog();
        try (InputStream json = KeboolaComponent.class.getResourceAsStream("/META-INF/io/github/camelkeboola/component/keboola.json")) {
            catalog.addComponent("keboola", KeboolaComponent.class.getName(),
                    new String(json.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void aValidUriPasses() {
        EndpointValidationResult result = catalog.validateEndpointProperties(
                "keboola:in.c-main.orders?token={{keboola.token}}&operation=exportTable&outputType=rows&maxRetries=3"
                + "&jobTimeout=30m&delay=60000");

        assertThat(result.isSuccess()).as(result.summaryErrorMessage(false)).isTrue();
    }

    @Test
    void anUnknownOptionIsReportedWithTheCloseName() {
        EndpointValidationResult result = catalog.validateEndpointProperties("keboola:in.c-main.orders?token=t&incrementel=true");

        assertThat(result.isSuccess()).isFalse();
        assertThat(result.getUnknown()).containsExactly("incrementel");
        assertThat(result.summaryErrorMessage(false)).contains("incrementel");
    }

    @Test
    void aMissingTokenIsReported() {
        EndpointValidationResult result = catalog.validateEndpointProperties("keboola:in.c-main.orders?incremental=true");

        assertThat(result.isSuccess()).isFalse();
        assertThat(result.getRequired()).containsExactly("token");
    }

    @Test
    void badNumbersDurationsAndEnumsAreReported() {
        EndpointValidationResult result = catalog.validateEndpointProperties(
                "keboola:in.c-main.orders?token=t&maxRetries=many&limit=ten&jobTimeout=soon&operation=importTables"
                + "&incremental=maybe");

        assertThat(result.isSuccess()).isFalse();
        assertThat(result.getInvalidInteger()).containsEntry("maxRetries", "many").containsEntry("limit", "ten");
        assertThat(result.getInvalidDuration()).containsEntry("jobTimeout", "soon");
        assertThat(result.getInvalidEnum()).containsEntry("operation", "importTables");
        assertThat(result.getInvalidBoolean()).containsEntry("incremental", "maybe");
    }
}
