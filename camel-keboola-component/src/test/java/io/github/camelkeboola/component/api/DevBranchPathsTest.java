package io.github.camelkeboola.component.api;

import io.github.camelkeboola.component.KeboolaConfiguration;
import io.github.camelkeboola.component.KeboolaException;
import io.github.camelkeboola.component.api.ScriptedServer.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which paths the calls of an endpoint with a branch option go to, on the wire (BRANCHES.md §2, §3). */
class DevBranchPathsTest {

    private final ScriptedServer server;
    private HttpStorageApi api;

    DevBranchPathsTest() throws Exception {
        server = new ScriptedServer();
    }

    @AfterEach
    void stop() {
        if (api != null) {
            api.close();
        }
        server.close();
    }

    private HttpStorageApi api(String branch) {
        KeboolaConfiguration config = new KeboolaConfiguration();
        config.setStackUrl(server.url());
        config.setToken("t");
        config.setBranch(branch);
        config.setRetryInitialDelay(5);
        config.setJobPollMaxInterval(200);
        api = new HttpStorageApi(config);
        return api;
    }

    @Test
    void anIdIsCheckedOnceThenStorageCallsGoToTheBranchAndJobsDoNot() {
        server.then(Reply.json(200, "{\"id\":123,\"name\":\"feature\",\"isDefault\":false}"))
                .then(Reply.json(200, "{\"id\":\"in.c-main.t\"}"))
                .then(Reply.json(202, "{\"id\":9,\"status\":\"waiting\",\"tableId\":\"in.c-main.t\"}"))
                .then(Reply.json(200, "{\"id\":9,\"status\":\"success\",\"tableId\":\"in.c-main.t\",\"results\":{\"file\":{\"id\":5}}}"))
                .then(Reply.json(200, "{\"id\":5}"))
                .then(Reply.json(200, "{\"id\":\"1\"}"));
        HttpStorageApi api = api("123");

        api.getTable("in.c-main.t");
        api.waitForJob(api.exportAsync("in.c-main.t", Map.of()), Duration.ofSeconds(10));
        api.getFile(5);
        api.verifyToken();

        assertThat(server.received()).extracting(ScriptedServer.Received::uri).containsExactly(
                "/v2/storage/dev-branches/123",
                "/v2/storage/branch/123/tables/in.c-main.t",
                "/v2/storage/branch/123/tables/in.c-main.t/export-async",
                "/v2/storage/jobs/9",
                "/v2/storage/branch/123/files/5?federationToken=1",
                "/v2/storage/branch/123/tokens/verify");
        assertThat(api.branchId()).isEqualTo("123");
    }

    @Test
    void defaultIsTheBranchTheListMarksDefault() {
        server.then(Reply.json(200, "[{\"id\":77,\"isDefault\":false},{\"id\":5,\"name\":\"Main\",\"isDefault\":true}]"))
                .then(Reply.json(200, "[]"));
        HttpStorageApi api = api("default");

        api.listTables("in.c-main");

        assertThat(server.received()).extracting(ScriptedServer.Received::uri)
                .containsExactly("/v2/storage/dev-branches", "/v2/storage/branch/5/buckets/in.c-main/tables?include=columns");
        assertThat(api.branchId()).isEqualTo("5");
    }

    @Test
    void withoutTheOptionNothingIsLookedUpAndPathsHaveNoBranch() {
        server.then(Reply.json(200, "{\"id\":\"in.c-main.t\"}"));
        HttpStorageApi api = api(null);

        api.getTable("in.c-main.t");

        assertThat(server.received()).extracting(ScriptedServer.Received::uri).containsExactly("/v2/storage/tables/in.c-main.t");
        assertThat(api.branchId()).isNull();
    }

    @Test
    void aFailedLookUpNamesTheBranchAndIsTriedAgainAtTheNextCall() {
        server.then(Reply.json(404, "{\"error\":\"Branch id:\\\"404404\\\" was not found.\",\"code\":\"notFound\",\"exceptionId\":\"x-1\"}"))
                .then(Reply.json(200, "{\"id\":404404}"))
                .then(Reply.json(200, "{\"id\":\"in.c-main.t\"}"));
        HttpStorageApi api = api("404404");

        assertThatThrownBy(() -> api.getTable("in.c-main.t")).isInstanceOf(KeboolaException.class)
                .hasMessageContaining("GET dev-branches/404404 (the branch option)")
                .hasMessageContaining("Branch id:\"404404\" was not found.")
                .hasMessageContaining("HTTP 404").hasMessageContaining("code=notFound")
                .satisfies(e -> assertThat(((KeboolaException) e).getHttpResponseCode()).isEqualTo(404));
        api.getTable("in.c-main.t");

        assertThat(server.received()).extracting(ScriptedServer.Received::uri).containsExactly(
                "/v2/storage/dev-branches/404404", "/v2/storage/dev-branches/404404", "/v2/storage/branch/404404/tables/in.c-main.t");
    }

    @Test
    void aProjectWithoutADefaultBranchIsAClearError() {
        server.then(Reply.json(200, "[{\"id\":77,\"isDefault\":false}]"));

        assertThatThrownBy(() -> api("default").getTable("in.c-main.t")).isInstanceOf(KeboolaException.class)
                .hasMessageContaining("branch=default").hasMessageContaining("isDefault");
    }
}
