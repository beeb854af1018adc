package io.github.camelkeboola.component.wire;

import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.ChainElement;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.util.Timeout;

import java.time.Duration;

/**
 * The HttpClient both the Storage API and the file storage are reached with: pooled, with connect and socket
 * timeouts, no automatic retries (callers retry by the API's rules), no redirects (a credential goes only where it
 * was meant to), no cookies, and nothing secret in HttpClient's logs (see {@link TokenSafeConnectionFactory} and
 * {@link MaskedQueries}).
 */
public final class LogSafeHttpClients {

    private LogSafeHttpClients() {
    }

    public static HttpClientBuilder builder(Duration connectTimeout, Duration requestTimeout, int maxConnections) {
        Timeout connect = Timeout.of(connectTimeout);
        Timeout socket = Timeout.of(requestTimeout);
        return HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setConnectionFactory(new TokenSafeConnectionFactory())
                        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(connect).setSocketTimeout(socket).build())
                        .setDefaultSocketConfig(SocketConfig.custom().setSoTimeout(socket).build())
                        .setMaxConnTotal(maxConnections)
                        .setMaxConnPerRoute(maxConnections)
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setConnectionRequestTimeout(connect).setResponseTimeout(socket).build())
                .addExecInterceptorBefore(ChainElement.MAIN_TRANSPORT.name(), "keboola-masked-queries", new MaskedQueries())
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement();
    }
}
