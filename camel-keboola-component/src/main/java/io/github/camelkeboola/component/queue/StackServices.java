package io.github.camelkeboola.component.queue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelkeboola.component.KeboolaException;
import io.github.camelkeboola.component.wire.LogSafeHttpClients;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.io.entity.EntityUtils;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The services a stack lists in its index call ({@code GET /v2/storage?exclude=components}: {@code services[]} of
 * {@code {id, url}}; QUEUE-API.md §1), read once per stack URL and kept: a stack's service URLs do not change while a
 * Camel context runs. The index needs no token, so none is sent; the token later goes only to the URLs listed here.
 * One instance lives on the component.
 */
public final class StackServices {

    private final ObjectMapper mapper = new ObjectMapper();
    private final Map<String, Map<String, String>> byStack = new ConcurrentHashMap<>();

    /** The URL of service {@code id} (such as {@code queue}) of the stack; fails naming the services listed. */
    public String serviceUrl(String stackUrl, String id, Duration connectTimeout, Duration requestTimeout) {
        String stack = stackUrl.replaceAll("/+$", "");
        Map<String, String> services = byStack.computeIfAbsent(stack, s -> read(s, connectTimeout, requestTimeout));
        return Optional.ofNullable(services.get(id)).orElseThrow(() -> new KeboolaException("The stack " + stack
                + " lists no '" + id + "' service in its index (GET /v2/storage); it lists " + services.keySet(), null, null));
    }

    private Map<String, String> read(String stack, Duration connectTimeout, Duration requestTimeout) {
        try (CloseableHttpClient client = LogSafeHttpClients.builder(connectTimeout, requestTimeout, 2)
                .setUserAgent("camel-keboola").build()) {
            HttpGet get = new HttpGet(stack + "/v2/storage?exclude=components");
            return client.execute(get, response -> {
                String body = response.getEntity() == null ? "" : EntityUtils.toString(response.getEntity());
                if (response.getCode() != 200) {
                    throw new KeboolaException("The index call GET /v2/storage of " + stack + " answered HTTP "
                            + response.getCode(), response.getCode(), null, null, null, null, null);
                }
                Map<String, String> services = new LinkedHashMap<>();
                for (JsonNode service : mapper.readTree(body).path("services")) {
                    String url = service.path("url").asText("");
                    if (url.startsWith("https://") || url.startsWith("http://")) {
                        services.put(service.path("id").asText(), url.replaceAll("/+$", ""));
                    }
                }
                return Map.copyOf(services);
            });
        } catch (IOException e) {
            // not cached: computeIfAbsent keeps nothing when this throws, so the next call reads the index again
            throw new KeboolaException("The index call GET /v2/storage of " + stack + " failed: " + e, null, e);
        }
    }
}
