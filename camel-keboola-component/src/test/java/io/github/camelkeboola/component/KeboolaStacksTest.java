package io.github.camelkeboola.component;

import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** stack=NAME: Keboola's multi-tenant stacks by name; stackUrl for the rest. */
class KeboolaStacksTest extends CamelTestSupport {

    @Test
    void aStackNameReplacesTheStackUrlWhenTheEndpointStarts() throws Exception {
        KeboolaEndpoint endpoint = context.getEndpoint("keboola:in.c-main.t?stack=azure-north-europe&token=t",
                KeboolaEndpoint.class);
        endpoint.start();
        try {
            assertThat(endpoint.getConfiguration().getStackUrl()).isEqualTo("https://connection.north-europe.azure.keboola.com");
        } finally {
            endpoint.stop();
        }
    }

    @Test
    void everyDocumentedStackHasItsUrl() {
        assertThat(KeboolaStacks.url("aws-us-east-1")).isEqualTo("https://connection.keboola.com");
        assertThat(KeboolaStacks.url("aws-eu-central-1")).isEqualTo("https://connection.eu-central-1.keboola.com");
        assertThat(KeboolaStacks.url("gcp-us-east4")).isEqualTo("https://connection.us-east4.gcp.keboola.com");
        assertThat(KeboolaStacks.url("gcp-europe-west3")).isEqualTo("https://connection.europe-west3.gcp.keboola.com");
    }

    @Test
    void anUnknownNameFailsTheStartListingTheNames() {
        // the context is started, so resolving the endpoint starts it
        assertThatThrownBy(() -> context.getEndpoint("keboola:in.c-main.t?stack=eu-aws&token=t")).rootCause().isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Unknown Keboola stack 'eu-aws'")
                .hasMessageContaining("aws-us-east-1, gcp-us-east4, aws-eu-central-1, azure-north-europe, gcp-europe-west3")
                .hasMessageContaining("stackUrl");
    }
}
