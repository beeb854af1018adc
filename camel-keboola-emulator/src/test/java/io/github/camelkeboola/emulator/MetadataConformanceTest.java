package io.github.camelkeboola.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelkeboola.emulator.api.ApiClient;
import io.github.camelkeboola.emulator.api.Tables;
import io.github.camelkeboola.emulator.junit.KeboolaEmulatorExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bucket, table and column metadata, as {@code api/METADATA.md} describes them with their sources. */
class MetadataConformanceTest {

    @RegisterExtension
    static final KeboolaEmulatorExtension KEBOOLA = KeboolaEmulatorExtension.provider("aws");

    private static final String TIME = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+\\d{4}";

    private String bucketId;
    private String tableId;

    private ApiClient api() {
        return new ApiClient(KEBOOLA.emulator().baseUrl(), KEBOOLA.emulator().token());
    }

    @BeforeEach
    void table() {
        String name = "md" + UUID.randomUUID().toString().substring(0, 8);
        bucketId = "in.c-" + name;
        api().postJson("/v2/storage/buckets", Map.of("name", name));
        tableId = bucketId + ".users";
        new Tables(api()).create(bucketId, "users", "id,name,sex\n1,Ann,f\n", null);
    }

    private static Map<String, Object> body(String provider, Object metadata) {
        return Map.of("provider", provider, "metadata", metadata);
    }

    private static Map<String, String> entry(String key, String value) {
        return Map.of("key", key, "value", value);
    }

    @Test
    void tableMetadataIsUpsertedByProviderAndKeyAndShownInTheDetail() {
        ApiClient.Response posted = api().postForm("/v2/storage/tables/" + tableId + "/metadata", "provider", "test",
                "metadata[0][key]", "KBC.description", "metadata[0][value]", "Users", "metadata[1][key]", "k2",
                "metadata[1][value]", "v2");
        assertEquals(201, posted.status(), posted.toString());
        JsonNode list = posted.json();
        assertEquals(2, list.size(), list::toString);
        JsonNode first = list.get(0);
        assertTrue(first.get("id").isTextual(), "ids are strings");
        assertEquals("KBC.description", first.get("key").asText());
        assertEquals("Users", first.get("value").asText());
        assertEquals("test", first.get("provider").asText());
        assertTrue(first.get("timestamp").asText().matches(TIME), first::toString);

        JsonNode updated = api().postJson("/v2/storage/tables/" + tableId + "/metadata",
                body("test", List.of(entry("KBC.description", "All users")))).json();
        assertEquals(List.of("KBC.description", "k2"), updated.path("metadata").findValuesAsText("key"));
        assertEquals(first.get("id").asText(), updated.at("/metadata/0/id").asText(), "an update keeps the id");
        assertEquals("All users", updated.at("/metadata/0/value").asText());
        assertTrue(updated.get("columnsMetadata").isArray() && updated.get("columnsMetadata").isEmpty(), updated::toString);

        // the same key from another provider is another entry; the first one stays
        api().postJson("/v2/storage/tables/" + tableId + "/metadata", body("user", List.of(entry("KBC.description", "Mine"))));
        JsonNode detail = api().get("/v2/storage/tables/" + tableId).json();
        assertEquals(3, detail.get("metadata").size(), detail::toString);
        assertEquals("All users", detail.at("/metadata/0/value").asText());
        assertEquals("user", detail.at("/metadata/2/provider").asText());
        assertEquals(detail.get("metadata"), api().get("/v2/storage/tables/" + tableId + "/metadata").json());

        assertEquals(204, api().delete("/v2/storage/tables/" + tableId + "/metadata/" + first.get("id").asText()).status());
        assertEquals(List.of("k2", "KBC.description"),
                api().get("/v2/storage/tables/" + tableId + "/metadata").json().findValuesAsText("key"));
    }

    @Test
    void columnsMetadataByColumnNameOrColumnNameMember() {
        Map<String, Object> request = Map.of("provider", "keboola.ex-db-snowflake",
                "columnsMetadata", Map.of(
                        "id", List.of(entry("KBC.datatype.basetype", "INTEGER")),
                        "all", List.of(Map.of("columnName", "name", "key", "KBC.datatype.basetype", "value", "STRING"),
                                Map.of("columnName", "name", "key", "KBC.datatype.nullable", "value", "1"))));
        ApiClient.Response posted = api().postJson("/v2/storage/tables/" + tableId + "/metadata", request);
        assertEquals(201, posted.status(), posted.toString());
        JsonNode columns = posted.json().get("columnsMetadata");
        assertEquals(List.of("id", "name"), fieldNames(columns));
        assertEquals(2, columns.get("name").size());
        assertTrue(posted.json().get("metadata").isArray() && posted.json().get("metadata").isEmpty());

        JsonNode detail = api().get("/v2/storage/tables/" + tableId).json();
        assertEquals("INTEGER", detail.at("/columnMetadata/id/0/value").asText(), detail::toString);
        assertEquals("keboola.ex-db-snowflake", detail.at("/columnMetadata/id/0/provider").asText());
        assertEquals(columns.get("name"), api().get("/v2/storage/columns/" + tableId + ".name/metadata").json());

        JsonNode bucket = api().get("/v2/storage/buckets/" + bucketId + "?include=columnMetadata").json();
        JsonNode inBucket = bucket.at("/tables/0");
        assertEquals("INTEGER", inBucket.at("/columnMetadata/id/0/value").asText(), bucket::toString);
        assertFalse(inBucket.has("columns"), "include chooses what the bucket's tables show");
        assertFalse(inBucket.has("metadata"));
    }

    @Test
    void columnMetadataGoesWithItsColumn() {
        ApiClient.Response posted = api().postJson("/v2/storage/columns/" + tableId + ".sex/metadata",
                body("test", List.of(entry("KBC.description", "f or m"))));
        assertEquals(201, posted.status(), posted.toString());
        assertEquals("f or m", posted.json().at("/0/value").asText());
        assertEquals("f or m", api().get("/v2/storage/tables/" + tableId).json().at("/columnMetadata/sex/0/value").asText());

        api().jobResults(api().delete("/v2/storage/tables/" + tableId + "/columns/sex"));
        JsonNode detail = api().get("/v2/storage/tables/" + tableId).json();
        assertTrue(detail.get("columnMetadata").isArray() && detail.get("columnMetadata").isEmpty(), detail::toString);
        assertEquals(404, api().get("/v2/storage/columns/" + tableId + ".sex/metadata").status());
    }

    @Test
    void bucketMetadataIsInTheBucketAndInItsTables() {
        ApiClient.Response posted = api().postJson("/v2/storage/buckets/" + bucketId + "/metadata",
                body("user", List.of(entry("KBC.description", "Bucket of users"))));
        assertEquals(201, posted.status(), posted.toString());
        assertEquals("Bucket of users", api().get("/v2/storage/buckets/" + bucketId).json().at("/metadata/0/value").asText());
        assertEquals("Bucket of users", api().get("/v2/storage/tables/" + tableId).json().at("/bucket/metadata/0/value").asText());
        assertFalse(api().get("/v2/storage/buckets/" + bucketId).json().get("updated").isNull());

        ApiClient.Response foreign = api().delete("/v2/storage/buckets/" + bucketId + "/metadata/9999999");
        assertEquals(404, foreign.status());
        assertEquals("storage.metadata.notFound", foreign.json().get("code").asText());
        assertEquals("Metadata \"9999999\" not found for bucket \"" + bucketId + "\".", foreign.json().get("error").asText());
    }

    @Test
    void invalidRequestsNameWhatIsWrong() {
        String path = "/v2/storage/tables/" + tableId + "/metadata";
        assertError(api().postJson(path, Map.of("metadata", List.of(entry("k", "v")))), 400,
                "storage.metadata.invalidProvider", "Provider is required.");
        assertError(api().postJson(path, body("%invalidCharacter$", List.of(entry("k", "v")))), 400,
                "storage.metadata.invalidProvider", "Invalid metadata provider.");
        assertError(api().postForm(path, "provider", "valid", "metadata", "not an array"), 400,
                "storage.metadata.invalidParameter", "The metadata parameter must be an array.");
        assertError(api().postForm(path, "provider", "valid"), 400,
                "storage.metadata.invalidParameter", "The metadata parameter must be an array.");
        assertError(api().postForm(path, "provider", "test", "metadata[key]", "k", "metadata[value]", "v"), 400,
                "storage.metadata.invalidStructure",
                "Invalid structure. Metadata must be provided as an array of objects with 'key' and 'value' members");
        for (String key : List.of("%invalidKey", "", "validKey" + "+".repeat(252))) {
            assertError(api().postJson(path, body("test", List.of(entry(key, "v")))), 400,
                    "storage.metadata.invalidKey", "Invalid Metadata Key (metadata[0][key])");
        }
        assertError(api().postJson("/v2/storage/columns/" + tableId + ".id/metadata", body("test", List.of(entry("", "v")))),
                400, "storage.metadata.invalidKey", "Invalid Metadata Key (metadata[0][key])");
        assertError(api().delete(path + "/9999999"), 404, "storage.metadata.notFound", "The supplied metadata ID was not found");
        assertError(api().delete(path + "/notNumber"), 400, "APPLICATION_ERROR",
                "Argument \"subResource\" is expected to be type \"int\", value \"notNumber\" given.");
        assertEquals(0, api().get(path).json().size(), "nothing was stored");
    }

    @Test
    void readTokenReadsButCannotWrite() {
        api().postJson("/v2/storage/tables/" + tableId + "/metadata", body("test", List.of(entry("k", "v"))));
        ApiClient reader = api().withToken(KEBOOLA.emulator().createToken("reader", Map.of(bucketId, "read")));
        JsonNode listed = reader.get("/v2/storage/tables/" + tableId + "/metadata").json();
        assertEquals(1, listed.size());
        assertEquals(403, reader.postJson("/v2/storage/tables/" + tableId + "/metadata", body("test", List.of(entry("k", "x")))).status());
        assertEquals(403, reader.delete("/v2/storage/tables/" + tableId + "/metadata/" + listed.at("/0/id").asText()).status());
        assertEquals("v", api().get("/v2/storage/tables/" + tableId + "/metadata").json().at("/0/value").asText());
    }

    @Test
    void droppedTableTakesItsMetadata() {
        api().postJson("/v2/storage/tables/" + tableId + "/metadata", body("test", List.of(entry("k", "v"))));
        api().jobResults(api().delete("/v2/storage/tables/" + tableId));
        ApiClient.Response gone = api().get("/v2/storage/tables/" + tableId + "/metadata");
        assertEquals(404, gone.status());
        assertEquals("storage.tables.notFound", gone.json().get("code").asText());
        new Tables(api()).create(bucketId, "users", "id\n1\n", null);
        assertEquals(0, api().get("/v2/storage/tables/" + tableId + "/metadata").json().size());
        assertNotEquals(null, api().get("/v2/storage/tables/" + tableId).json().get("columnMetadata"));
    }

    private static void assertError(ApiClient.Response response, int status, String code, String message) {
        assertEquals(status, response.status(), response.toString());
        assertEquals(code, response.json().get("code").asText(), response.toString());
        assertEquals(message, response.json().get("error").asText(), response.toString());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
