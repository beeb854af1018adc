package io.github.camelkeboola.examples.quarkus;

import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;

/** The example's routes in test mode, against the emulator the extension's dev service starts. */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KeboolaRoutesTest {

    private static final String HEADER = "\"id\",\"item\",\"qty\"";
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @ConfigProperty(name = "app.inbox")
    Path inbox;

    @ConfigProperty(name = "app.outbox")
    Path outbox;

    @Test
    @Order(1)
    void csvFilesReachTheTableItsExportAndItsChanges() throws IOException {
        ExampleFiles.clear(outbox);

        ExampleFiles.drop(inbox, "orders-1.csv", "id,item,qty\n1,apple,3\n2,pear,5\n");

        List<String> firstChanges = awaitChangesWith("\"2\",\"pear\",\"5\"");
        assertThat(firstChanges).containsExactly(HEADER, "\"1\",\"apple\",\"3\"", "\"2\",\"pear\",\"5\"");
        String export = given().get("/export").then().statusCode(200).contentType("text/csv").extract().asString();
        assertThat(export.lines()).containsExactlyInAnyOrder(HEADER, "\"1\",\"apple\",\"3\"", "\"2\",\"pear\",\"5\"");

        // an update of row 2 and a new row 3 come as the next changes; the cursor is the last import time, inclusive,
        // so rows of that second can come again (at least once, as Keboola's adaptive input mapping), stale ones never
        ExampleFiles.drop(inbox, "orders-2.csv", "id,item,qty\n2,pear,6\n3,plum,1\n");

        List<String> secondChanges = awaitChangesWith("\"3\",\"plum\",\"1\"");
        assertThat(secondChanges).first().isEqualTo(HEADER);
        assertThat(secondChanges).contains("\"2\",\"pear\",\"6\"").doesNotContain("\"2\",\"pear\",\"5\"")
                .isSubsetOf(HEADER, "\"1\",\"apple\",\"3\"", "\"2\",\"pear\",\"6\"", "\"3\",\"plum\",\"1\"");
        String exportAfterUpdate = given().get("/export").then().statusCode(200).extract().asString();
        assertThat(exportAfterUpdate.lines())
                .containsExactlyInAnyOrder(HEADER, "\"1\",\"apple\",\"3\"", "\"2\",\"pear\",\"6\"", "\"3\",\"plum\",\"1\"");
    }

    @Test
    @Order(2)
    void camelHealthIsUpOnceTheConsumerPolls() {
        // the consumer check is DOWN (with the Storage API's 404 in its details) until the table exists and polls succeed
        await().atMost(PATIENCE).untilAsserted(() -> given().get("/q/health/ready").then()
                .statusCode(200)
                .body("status", is("UP"))
                .body("checks.find { it.name == 'camel-consumers' }.status", is("UP"))
                .body("checks.find { it.name == 'camel-routes' }.status", is("UP")));
    }

    /** The lines of the changes file that holds the given row. */
    private List<String> awaitChangesWith(String row) {
        return await().atMost(PATIENCE).until(() -> ExampleFiles.find(outbox, row), Optional::isPresent).orElseThrow();
    }
}
