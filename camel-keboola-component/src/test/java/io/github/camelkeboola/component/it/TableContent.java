package io.github.camelkeboola.component.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelkeboola.emulator.KeboolaEmulator;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** What a table holds and which jobs worked on it, read over the emulator's Storage API, not through the component. */
final class TableContent {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final KeboolaEmulator emulator;

    TableContent(KeboolaEmulator emulator) {
        this.emulator = emulator;
    }

    /** The rows as {@code a,b} lines, without the header and the enclosures (test values hold no commas or quotes). */
    List<String> rows(String tableId) {
        String csv = get("tables/" + encode(tableId) + "/data-preview?limit=1000");
        List<String> lines = Arrays.asList(csv.split("\n"));
        return lines.subList(1, lines.size()).stream().map(line -> line.replace("\"", "")).toList();
    }

    /** How many jobs of this operation ({@code tableImport}, {@code tableCreate}) the table has had. */
    long jobs(String tableId, String operationName) {
        try {
            JsonNode jobs = JSON.readTree(get("jobs?limit=100"));
            long count = 0;
            for (JsonNode job : jobs) {
                count += tableId.equals(job.path("tableId").asText()) && operationName.equals(job.path("operationName").asText()) ? 1 : 0;
            }
            return count;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private String get(String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/v2/storage/" + path))
                .header("X-StorageApi-Token", emulator.token()).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + path + ": HTTP " + response.statusCode() + " " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
