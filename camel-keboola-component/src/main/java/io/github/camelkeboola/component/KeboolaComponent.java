package io.github.camelkeboola.component;

import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.HealthCheckComponent;

import java.util.Map;

/** The {@code keboola:} component: Keboola Connection Storage API tables as Camel endpoints. */
@Component("keboola")
public class KeboolaComponent extends HealthCheckComponent {

    @Metadata(description = "Component-wide defaults (stack URL, token, timeouts); each endpoint works on a copy.")
    private KeboolaConfiguration configuration = new KeboolaConfiguration();

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        KeboolaConfiguration endpointConfiguration = configuration.copy();
        endpointConfiguration.setTableId(remaining == null || remaining.isBlank() ? null : remaining);
        KeboolaEndpoint endpoint = new KeboolaEndpoint(uri, this, endpointConfiguration, sharedClients);
        setProperties(endpoint, parameters);
        if (endpointConfiguration.getToken() == null || endpointConfiguration.getToken().isBlank()) {
            throw new IllegalArgumentException("A Storage API token is required: set the token option of " + remaining);
        }
        return endpoint;
    }

    // not an option: the clients the endpoints share, closed when the component stops
    private final SharedClients sharedClients = new SharedClients();

    @Override
    protected void doStop() throws Exception {
        sharedClients.close();
        super.doStop();
    }

    public KeboolaConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(KeboolaConfiguration configuration) {
        this.configuration = configuration;
    }
}
