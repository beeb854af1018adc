package io.github.camelkeboola.scaleout;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelkeboola.component.KeboolaComponent;
import io.github.camelkeboola.component.KeboolaConfiguration;
import io.github.camelkeboola.emulator.KeboolaEmulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the scale-out tests share: the component on the emulator, rows of a test table, the emulator's jobs. */
final class ScaleOut {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ScaleOut() {
    }

    /** Stack and token on the component, retries and job polls short for tests. */
    static KeboolaComponent keboolaOn(KeboolaEmulator emulator) {
        KeboolaComponent keboola = new KeboolaComponent();
        KeboolaConfiguration configuration = keboola.getConfiguration();
        configuration.setStackUrl(emulator.baseUrl());
        configuration.setToken(emulator.token());
        configuration.setRetryInitialDelay(20);
        configuration.setJobPollMaxInterval(200);
        return keboola;
    }

    /** Rows {@code from} (inclusive) to {@code to} (exclusive): id, name, amount, each with its own content. */
    static List<Map<String, String>> rows(int from, int to) {
        List<Map<String, String>> rows = new ArrayList<>();
        for (int i = from; i < to; i++) {
            Map<String, String> row = new LinkedHashMap<>();
            row.put("id", Integer.toString(i));
            row.put("name", "order \"" + i + "\", line\n" + (i % 7));
            row.put("amount", Integer.toString(i * 3 % 101));
            rows.add(row);
        }
        return rows;
    }

    /** {@code GET /v2/storage/jobs} of the emulator, newest first. */
    static List<Map<String, Object>> jobs(KeboolaEmulator emulator) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/v2/storage/jobs?limit=100"))
                    .header("X-StorageApi-Token", emulator.token()).GET().build(), HttpResponse.BodyHandlers.ofString());
            return JSON.readValue(response.body(), new TypeReference<>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
