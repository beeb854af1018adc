package io.github.camelkeboola.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelkeboola.emulator.api.ApiClient;
import io.github.camelkeboola.emulator.junit.KeboolaEmulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ErrorsConformanceTest {

    @RegisterExtension
    static final KeboolaEmulatorExtension KEBOOLA = KeboolaEmulatorExtension.provider("aws");

    private static ApiClient api() {
        return new ApiClient(KEBOOLA.emulator().baseUrl(), KEBOOLA.emulator().token());
    }

    private static void assertErrorShape(ApiClient.Response r, int status, String code) {
        assertEquals(status, r.status(), r.toString());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        JsonNode body = r.json();
        List<String> fields = new ArrayList<>();
        body.fieldNames().forEachRemaining(fields::add);
        assertEquals(List.of("error", "code", "exceptionId", "status"), fields);
        assertEquals(code, body.get("code").asText());
        assertEquals("error", body.get("status").asText());
        assertTrue(body.get("exceptionId").asText().matches("keboola-connection-[0-9a-f]+"));
        assertTrue(!body.get("error").asText().isEmpty());
    }

    @Test
    void everyErrorHasTheKeboolaShape() {
        assertErrorShape(api().get("/v2/storage/tables/in.c-x.y"), 404, "storage.buckets.notFound");
        assertErrorShape(api().withToken("wrong").get("/v2/storage/buckets"), 401, "storage.tokenInvalid");
        assertErrorShape(api().postJson("/v2/storage/buckets", Map.of("stage", "in")), 400, "storage.buckets.validation");
        assertErrorShape(api().withToken(KEBOOLA.emulator().createToken("r", Map.of())).postJson("/v2/storage/buckets",
                Map.of("name", "x")), 403, "accessDenied");
    }

    @Test
    void unknownRouteIs404AndWrongMethodIs405() {
        assertEquals(404, api().get("/v2/storage/nothing-here").status());
        assertEquals(405, api().send("PATCH", "/v2/storage/buckets", HttpRequest.BodyPublishers.noBody(), null).status());
    }

    @Test
    void invalidJsonIs400() {
        ApiClient.Response r = api().send("POST", "/v2/storage/buckets", HttpRequest.BodyPublishers.ofString("{nope"),
                "application/json");
        assertEquals(400, r.status());
    }

    @Test
    void booleansInEveryForm() {
        api().postJson("/v2/storage/buckets", Map.of("name", "bools"));
        for (String value : List.of("true", "1", "false", "0")) {
            ApiClient.Response r = api().postForm("/v2/storage/buckets/in.c-bools/tables", "name", "t" + value,
                    "dataString", "a\n1\n");
            assertEquals(201, r.status());
            assertEquals(200, api().postForm("/v2/storage/tables/in.c-bools.t" + value + "/import", "dataString", "a\n2\n",
                    "incremental", value).status());
            long expected = value.equals("true") || value.equals("1") ? 2 : 1;
            assertEquals(expected, api().get("/v2/storage/tables/in.c-bools.t" + value).json().get("rowsCount").asLong(), value);
        }
        ApiClient.Response jsonBool = api().postJson("/v2/storage/files/prepare", Map.of("name", "b.csv", "isSliced", true));
        assertTrue(jsonBool.json().get("isSliced").asBoolean());
        ApiClient.Response bad = api().postForm("/v2/storage/files/prepare", "name", "b.csv", "isSliced", "maybe");
        assertEquals(400, bad.status());
    }
}
