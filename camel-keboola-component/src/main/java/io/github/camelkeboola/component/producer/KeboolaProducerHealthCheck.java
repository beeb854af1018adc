package io.github.camelkeboola.component.producer;

import io.github.camelkeboola.component.KeboolaConfiguration;
import io.github.camelkeboola.component.KeboolaEndpoint;
import io.github.camelkeboola.component.api.HttpStorageApi;
import io.github.camelkeboola.component.KeboolaException;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.util.URISupport;

import java.net.URI;
import java.util.Map;

/**
 * Readiness of a {@code keboola:} producer: the stack answers and accepts the token ({@code tokens/verify}).
 * Its id names the table and the stack, never the token. (A plain {@link HealthCheck}, so the component needs no
 * camel-health at runtime.)
 * <p>
 * A probe must answer within the few seconds a Kubernetes probe waits, so it makes one attempt with its own short
 * timeouts ({@link #PROBE_CONNECT_TIMEOUT_MILLIS}, {@link #PROBE_REQUEST_TIMEOUT_MILLIS}) on a client of its own,
 * instead of the endpoint's retry policy (minutes against an unreachable stack). Close it to release that client.
 */
public class KeboolaProducerHealthCheck implements HealthCheck, AutoCloseable {

    static final long PROBE_CONNECT_TIMEOUT_MILLIS = 2_000;
    static final long PROBE_REQUEST_TIMEOUT_MILLIS = 5_000;

    private final KeboolaEndpoint endpoint;
    private final String id;
    private final HttpStorageApi probe;
    private volatile boolean enabled = true;

    public KeboolaProducerHealthCheck(KeboolaEndpoint endpoint) {
        this.endpoint = endpoint;
        this.id = "producer:keboola-" + idOf(endpoint);
        KeboolaConfiguration once = endpoint.getConfiguration().copy();
        once.setMaxRetries(0);
        once.setConnectTimeout(Math.min(once.getConnectTimeout(), PROBE_CONNECT_TIMEOUT_MILLIS));
        once.setRequestTimeout(Math.min(once.getRequestTimeout(), PROBE_REQUEST_TIMEOUT_MILLIS));
        this.probe = new HttpStorageApi(once);
    }

    @Override
    public void close() {
        probe.close();
    }

    private static String idOf(KeboolaEndpoint endpoint) {
        String tableId = endpoint.getConfiguration().getTableId();
        String table = tableId == null ? "" : tableId;
        String host;
        try {
            host = URI.create(endpoint.getConfiguration().getStackUrl()).getAuthority();
        } catch (IllegalArgumentException e) {
            host = "invalid-stack-url";
        }
        return URISupport.sanitizeUri(table + "@" + host);
    }

    @Override
    public String getGroup() {
        return "camel";
    }

    @Override
    public String getId() {
        return id;
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    public Result call(Map<String, Object> options) {
        HealthCheckResultBuilder builder = HealthCheckResultBuilder.on(this);
        builder.detail(CHECK_ID, id);
        builder.detail(CHECK_GROUP, getGroup());
        builder.detail(ENDPOINT_URI, URISupport.sanitizeUri(endpoint.getEndpointUri()));
        if (!enabled) {
            return builder.message("Disabled").detail(CHECK_ENABLED, false).unknown().build();
        }
        try {
            // the answer echoes the token: only its success matters, nothing of it is kept
            probe.verifyToken();
            return builder.up().build();
        } catch (KeboolaException e) {
            builder.detail(HTTP_RESPONSE_CODE, e.getHttpResponseCode());
            if (e.getErrorCode() != null) {
                builder.detail("keboola.error.code", e.getErrorCode());
            }
            return builder.message(e.getMessage()).error(e).down().build();
        }
    }
}
