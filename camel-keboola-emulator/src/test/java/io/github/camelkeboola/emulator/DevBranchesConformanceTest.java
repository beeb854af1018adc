package io.github.camelkeboola.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelkeboola.emulator.api.ApiClient;
import io.github.camelkeboola.emulator.api.Tables;
import io.github.camelkeboola.emulator.fault.Fault;
import io.github.camelkeboola.emulator.fault.FaultTarget;
import io.github.camelkeboola.emulator.junit.KeboolaEmulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Development branches (apiary.apib "Development Branches"; keboola/storage-api-php-client tests at dce278b7
 * {@code Common/DevBranchesTest.php}, {@code Backend/SOX/BranchStorageTest.php}, {@code BranchFileStorageTest.php}).
 */
class DevBranchesConformanceTest {

    @RegisterExtension
    static final KeboolaEmulatorExtension KEBOOLA = KeboolaEmulatorExtension.provider("aws");

    private static ApiClient api() {
        return new ApiClient(KEBOOLA.emulator().baseUrl(), KEBOOLA.emulator().token());
    }

    /** Creates a branch as the PHP client's {@code DevBranches::createBranch} does: the job's results are the branch. */
    private static JsonNode createBranch(String name) {
        return api().jobResults(api().postJson("/v2/storage/dev-branches", Map.of("name", name, "description", "d")));
    }

    private static String unique(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void listHasTheDefaultBranch() {
        JsonNode list = api().get("/v2/storage/dev-branches").json();
        assertTrue(list.isArray());
        long defaults = 0;
        for (JsonNode branch : list) {
            if (branch.get("isDefault").asBoolean()) {
                defaults++;
                assertEquals("Main", branch.get("name").asText());
                assertEquals(1, branch.get("id").asLong());
            }
        }
        assertEquals(1, defaults, list::toString);
    }

    @Test
    void createIsAJobWhoseResultsAreTheBranch() {
        String name = unique("feature");
        ApiClient.Response accepted = api().postJson("/v2/storage/dev-branches", Map.of("name", name));
        assertEquals(202, accepted.status(), accepted::toString);
        assertEquals("devBranchCreate", accepted.json().get("operationName").asText());
        assertEquals(name, accepted.json().at("/operationParams/values/name").asText());

        JsonNode branch = api().jobResults(accepted);
        assertTrue(branch.get("id").isIntegralNumber(), branch::toString);
        assertEquals(name, branch.get("name").asText());
        assertEquals("", branch.get("description").asText());
        assertFalse(branch.get("isDefault").asBoolean());
        assertTrue(branch.get("created").asText().matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\+\\d{4}"), branch::toString);
        assertEquals(1, branch.at("/creatorToken/id").asLong());

        JsonNode detail = api().get("/v2/storage/dev-branches/" + branch.get("id").asLong()).json();
        assertEquals(branch, detail);
        assertTrue(api().get("/v2/storage/dev-branches").json().findValuesAsText("name").contains(name));
    }

    @Test
    void aNameIsTakenOnce() {
        String name = unique("twice");
        createBranch(name);
        ApiClient.Response again = api().postJson("/v2/storage/dev-branches", Map.of("name", name));
        assertEquals(400, again.status(), again::toString);
        assertEquals("devBranch.duplicateName", again.json().get("code").asText());
        assertEquals("There already is a branch with name \"" + name + "\"", again.json().get("error").asText());
    }

    @Test
    void updateChangesNameAndDescriptionButNotTheDefaultBranchName() {
        JsonNode branch = createBranch(unique("rename"));
        String renamed = unique("renamed");
        ApiClient.Response updated = api().send("PUT", "/v2/storage/dev-branches/" + branch.get("id").asLong(),
                HttpRequest.BodyPublishers.ofString("{\"name\":\"" + renamed + "\",\"description\":\"new\"}"), "application/json");
        assertEquals(200, updated.status(), updated::toString);
        assertEquals(renamed, updated.json().get("name").asText());
        assertEquals("new", updated.json().get("description").asText());

        ApiClient.Response main = api().send("PUT", "/v2/storage/dev-branches/1",
                HttpRequest.BodyPublishers.ofString("{\"name\":\"Other\"}"), "application/json");
        assertEquals(400, main.status(), main::toString);
        assertEquals("You can not update default branch name.", main.json().get("error").asText());
    }

    @Test
    void deleteIsAJobAndAnUnknownBranchIsNotFound() {
        long id = createBranch(unique("gone")).get("id").asLong();
        ApiClient.Response accepted = api().delete("/v2/storage/dev-branches/" + id);
        assertEquals(202, accepted.status(), accepted::toString);
        assertEquals("devBranchDelete", accepted.json().get("operationName").asText());
        api().jobResults(accepted);

        for (ApiClient.Response missing : List.of(api().get("/v2/storage/dev-branches/" + id),
                api().delete("/v2/storage/dev-branches/" + id), api().get("/v2/storage/branch/" + id + "/buckets"))) {
            assertEquals(404, missing.status(), missing::toString);
            assertEquals("Branch id:\"" + id + "\" was not found.", missing.json().get("error").asText());
        }
        ApiClient.Response main = api().delete("/v2/storage/dev-branches/1");
        assertEquals(400, main.status(), main::toString);
        assertEquals("Cannot delete Main branch", main.json().get("error").asText());
    }

    @Test
    void aFaultCanAimAtTheCallsOfOneBranch() {
        long id = createBranch(unique("faulty")).get("id").asLong();
        KEBOOLA.emulator().faults().inject(FaultTarget.API, "GET", "^/v2/storage/branch/" + id + "/buckets$", Fault.status(503), 1);
        try {
            assertEquals(200, api().get("/v2/storage/buckets").status());
            assertEquals(503, api().get("/v2/storage/branch/" + id + "/buckets").status());
            assertEquals(200, api().get("/v2/storage/branch/" + id + "/buckets").status());
        } finally {
            KEBOOLA.emulator().faults().clear();
        }
    }

    @Test
    void onlyTheMasterTokenCreatesOrDeletesBranches() {
        ApiClient limited = api().withToken(KEBOOLA.emulator().createToken("limited", Map.of()));
        assertEquals(403, limited.postJson("/v2/storage/dev-branches", Map.of("name", unique("no"))).status());
        long id = createBranch(unique("kept")).get("id").asLong();
        assertEquals(403, limited.delete("/v2/storage/dev-branches/" + id).status());
        assertEquals(200, limited.get("/v2/storage/dev-branches/" + id).status());
    }

    @Test
    void aBranchKeepsItsBucketsTablesAndFilesApartFromProduction() {
        long id = createBranch(unique("data")).get("id").asLong();
        String branch = "/v2/storage/branch/" + id;
        String bucket = "in.c-" + unique("apart");
        String name = bucket.substring(5);
        assertEquals(201, api().postJson(branch + "/buckets", Map.of("name", name)).status());
        JsonNode table = new Tables(api(), branch).create(bucket, "t", "id,v\n1,dev\n2,dev\n", "id");
        assertEquals(bucket + ".t", table.get("id").asText());
        assertEquals(id, table.at("/bucket/idBranch").asLong(), table::toString);

        // the same ids in production are another bucket and table, or none
        assertEquals(404, api().get("/v2/storage/buckets/" + bucket).status());
        assertEquals(404, api().get("/v2/storage/tables/" + bucket + ".t").status());
        assertFalse(api().get("/v2/storage/tables").json().findValuesAsText("id").contains(bucket + ".t"));
        assertTrue(api().get(branch + "/tables").json().findValuesAsText("id").contains(bucket + ".t"));
        assertEquals(201, api().postJson("/v2/storage/buckets", Map.of("name", name)).status());
        new Tables(api()).create(bucket, "t", "id,v\n9,prod\n", "id");

        assertEquals("\"id\",\"v\"\n\"1\",\"dev\"\n\"2\",\"dev\"\n",
                api().get(branch + "/tables/" + bucket + ".t/data-preview?orderBy[0][column]=id").body());
        assertEquals("\"id\",\"v\"\n\"9\",\"prod\"\n",
                api().get("/v2/storage/tables/" + bucket + ".t/data-preview").body());
        assertEquals(2, api().get(branch + "/tables/" + bucket + ".t").json().get("rowsCount").asLong());
        assertEquals(1, api().get("/v2/storage/branch/default/tables/" + bucket + ".t").json().get("rowsCount").asLong());

        // an export in the branch writes a file of the branch, which production does not see
        long fileId = new Tables(api(), branch).export(bucket + ".t", Map.of()).at("/file/id").asLong();
        assertEquals(200, api().get(branch + "/files/" + fileId).status());
        assertEquals(404, api().get("/v2/storage/files/" + fileId).status());
        // jobs are the project's, as in the PHP client (BranchAwareClient sends jobs without the branch)
        assertEquals(200, api().get("/v2/storage/jobs?limit=1").status());

        // deleting the branch drops its data; production keeps its own
        api().jobResults(api().delete("/v2/storage/dev-branches/" + id));
        assertEquals(404, api().get(branch + "/tables/" + bucket + ".t").status());
        assertEquals(1, api().get("/v2/storage/tables/" + bucket + ".t").json().get("rowsCount").asLong());
    }

    @Test
    void eventsBelongToTheBranchTheyHappenedIn() {
        long branch = createBranch(unique("events")).get("id").asLong();
        String bucket = "in.c-" + unique("ev");
        api().postJson("/v2/storage/branch/" + branch + "/buckets", Map.of("name", bucket.substring("in.c-".length())));
        ApiClient.Response posted = api().postJson("/v2/storage/branch/" + branch + "/events",
                Map.of("component", "probe", "message", "in the branch"));
        assertEquals(201, posted.status(), posted::toString);

        JsonNode inBranch = api().get("/v2/storage/branch/" + branch + "/events?limit=100").json();
        assertTrue(inBranch.findValuesAsText("message").contains("in the branch"), inBranch::toString);
        assertTrue(inBranch.findValuesAsText("objectId").contains(bucket), inBranch::toString);
        inBranch.forEach(e -> assertEquals(branch, e.path("idBranch").asLong(), e::toString));
        // GET events is GET branch/default/events: the default branch's only
        JsonNode inDefault = api().get("/v2/storage/events?limit=10000").json();
        assertFalse(inDefault.findValuesAsText("message").contains("in the branch"), inDefault::toString);
        inDefault.forEach(e -> assertEquals(1, e.path("idBranch").asLong(), e::toString));
    }
}
