package io.github.camelkeboola.component.it;

import io.github.camelkeboola.component.EmulatorComponents;
import io.github.camelkeboola.component.KeboolaException;
import io.github.camelkeboola.emulator.junit.KeboolaEmulatorExtension;
import io.github.camelkeboola.emulator.queue.QueueJob;
import io.github.camelkeboola.emulator.queue.QueueOutcome;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The {@code branch} option through routes against the emulator: every Storage call of producers and consumer goes
 * to the branch's {@code /v2/storage/branch/{id}/...}, whose tables are not production's; {@code default} is
 * production; runJob runs its Queue job in the branch.
 */
class DevBranchRouteTest extends CamelTestSupport {

    @RegisterExtension
    static final KeboolaEmulatorExtension KEBOOLA = KeboolaEmulatorExtension.provider("aws");
    private static final AtomicInteger BRANCHES = new AtomicInteger();

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        context.addComponent("keboola", EmulatorComponents.pointedAt(KEBOOLA.emulator()));
        return context;
    }

    @AfterEach
    void clearOutcomes() {
        KEBOOLA.emulator().queue().clearOutcomes();
    }

    private static long newBranch() {
        return KEBOOLA.emulator().createBranch("camel-" + BRANCHES.incrementAndGet());
    }

    private Map<?, ?> getTable(String tableId, String branchOption) {
        return template.requestBody("keboola:" + tableId + "?operation=getTable" + branchOption, null, Map.class);
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> export(String tableId, String branchOption) {
        return template.requestBody("keboola:" + tableId + "?operation=exportTable&outputType=rows" + branchOption, null, List.class);
    }

    private Exception failure(String uri) {
        return template.request(uri, e -> { }).getException();
    }

    @Test
    void anImportInABranchCreatesTheTableThereAndNotInProduction() {
        long branch = newBranch();

        template.sendBody("keboola:in.c-dev.orders?primaryKey=id&branch=" + branch, "id,amount\n1,10\n2,20\n");

        Map<?, ?> table = getTable("in.c-dev.orders", "&branch=" + branch);
        assertThat(table.get("rowsCount")).isEqualTo(2);
        assertThat(((Map<?, ?>) table.get("bucket")).get("idBranch")).isEqualTo((int) branch);
        assertThat(failure("keboola:in.c-dev.orders?operation=getTable")).isInstanceOf(KeboolaException.class)
                .satisfies(e -> assertThat(((KeboolaException) e).getHttpResponseCode()).isEqualTo(404));
        assertThat(failure("keboola:in.c-dev.orders?operation=getTable&branch=default")).isInstanceOf(KeboolaException.class);
        assertThat(failure("keboola:in.c-dev?operation=listTables")).isInstanceOf(KeboolaException.class)
                .hasMessageContaining("in.c-dev").hasMessageContaining("HTTP 404");
    }

    @Test
    void exportPreviewListAndGetTableInABranchReadTheBranchData() {
        long branch = newBranch();
        String inBranch = "&branch=" + branch;
        template.sendBody("keboola:in.c-both.t?primaryKey=id", "id,v\n1,prod\n");
        template.sendBody("keboola:in.c-both.t?primaryKey=id" + inBranch, "id,v\n1,dev\n2,dev\n");
        template.sendBody("keboola:in.c-both.t?primaryKey=id&incremental=true" + inBranch, "id,v\n3,dev\n");

        assertThat(export("in.c-both.t", inBranch)).extracting(r -> r.get("v")).containsOnly("dev").hasSize(3);
        assertThat(export("in.c-both.t", "")).extracting(r -> r.get("id")).containsExactly("1");
        assertThat(template.requestBody("keboola:in.c-both.t?operation=previewTable" + inBranch, null, String.class))
                .contains("\"dev\"").doesNotContain("prod");
        assertThat(getTable("in.c-both.t", inBranch).get("rowsCount")).isEqualTo(3);
        assertThat(getTable("in.c-both.t", "").get("rowsCount")).isEqualTo(1);
        List<?> listed = template.requestBody("keboola:in.c-both?operation=listTables" + inBranch, null, List.class);
        assertThat(listed).hasSize(1);

        template.sendBody("keboola:in.c-both.t?operation=deleteTable" + inBranch, null);
        assertThat(failure("keboola:in.c-both.t?operation=getTable" + inBranch)).isInstanceOf(KeboolaException.class);
        assertThat(getTable("in.c-both.t", "").get("rowsCount")).isEqualTo(1);
    }

    @Test
    @SuppressWarnings("unchecked")
    void metadataSetInABranchIsTheBranchTables() {
        long branch = newBranch();
        template.sendBody("keboola:in.c-meta.t?primaryKey=id", "id\n1\n");
        template.sendBody("keboola:in.c-meta.t?primaryKey=id&description=InTheBranch&branch=" + branch, "id\n1\n");
        template.sendBody("keboola:in.c-meta.t?operation=setMetadata&description=StillTheBranch&branch=" + branch, null);

        List<Map<String, Object>> inBranch = (List<Map<String, Object>>) getTable("in.c-meta.t", "&branch=" + branch).get("metadata");
        assertThat(inBranch).extracting(m -> m.get("value")).containsExactly("StillTheBranch");
        assertThat((List<?>) getTable("in.c-meta.t", "").get("metadata")).isEmpty();
    }

    @Test
    void theConsumerInABranchDeliversTheBranchRows() throws Exception {
        long branch = newBranch();
        template.sendBody("keboola:in.c-feed.t?primaryKey=id", "id,v\n1,prod\n");
        template.sendBody("keboola:in.c-feed.t?primaryKey=id&branch=" + branch, "id,v\n1,dev\n2,dev\n");
        MockEndpoint rows = getMockEndpoint("mock:branchRows");
        rows.expectedMessageCount(2);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("keboola:in.c-feed.t?outputType=rows&delay=100&initialDelay=0&branch=" + branch).to("mock:branchRows");
            }
        });

        rows.assertIsSatisfied(60_000);
        assertThat(rows.getExchanges()).extracting(e -> e.getMessage().getBody(Map.class).get("v")).containsOnly("dev");
    }

    @Test
    void defaultIsTheProjectsDefaultBranchThatIsProduction() {
        template.sendBody("keboola:in.c-main.default?branch=default", "id\n1\n2\n");
        template.sendBody("keboola:in.c-main.default?incremental=true", "id\n3\n");

        assertThat(getTable("in.c-main.default", "").get("rowsCount")).isEqualTo(3);
        assertThat(export("in.c-main.default", "&branch=default")).extracting(r -> r.get("id")).containsExactlyInAnyOrder("1", "2", "3");
        assertThat(getTable("in.c-main.default", "&branch=1").get("rowsCount")).isEqualTo(3);
    }

    @Test
    void anUnknownBranchFailsNamingTheBranchAndTheAnswer() {
        Exception e = failure("keboola:in.c-main.any?operation=getTable&branch=987654");

        assertThat(e).isInstanceOf(KeboolaException.class).hasMessageContaining("987654").hasMessageContaining("branch option")
                .hasMessageContaining("HTTP 404").hasMessageContaining("code=storage.devBranch.notFound");
        assertThat(((KeboolaException) e).getHttpResponseCode()).isEqualTo(404);
        // an import loses nothing: it fails before anything is uploaded
        Exchange load = template.request("keboola:in.c-main.any?branch=987654", x -> x.getIn().setBody("id\n1\n"));
        assertThat(load.getException()).isInstanceOf(KeboolaException.class).hasMessageContaining("987654");
    }

    @Test
    void aBranchThatIsNotAnIdOrDefaultFailsTheEndpointsStart() {
        assertThatThrownBy(() -> template.request("keboola:in.c-main.any?operation=getTable&branch=feature-x", e -> { }))
                .hasStackTraceContaining("Invalid branch 'feature-x'").hasStackTraceContaining("a number) or default");
    }

    @Test
    void runJobRunsItsQueueJobInTheBranch() {
        long branch = newBranch();
        String run = "keboola:?operation=runJob&componentId=keboola.orchestrator&configId=7";

        Exchange inBranch = template.request(run + "&branch=" + branch, e -> { });
        Exchange inDefault = template.request(run + "&branch=default", e -> { });
        Exchange plain = template.request(run, e -> { });

        assertThat(queueJob(inBranch).branchId).isEqualTo(String.valueOf(branch));
        assertThat(queueJob(inDefault).branchId).isEqualTo("1");
        assertThat(queueJob(plain).branchId).isNull();
    }

    @Test
    void importThenRunAJobThenExportItsOutputAllInTheBranch() {
        long branch = newBranch();
        String inBranch = "&branch=" + branch;
        // the emulated job writes its output where it runs: the branch the Queue job was given
        KEBOOLA.emulator().queue().next(QueueOutcome.success().forConfig("keboola.orchestrator", "8")
                .doing(job -> template.sendBody("keboola:out.c-flow.result?branch=" + job.branchId,
                        "n\n" + template.requestBody("keboola:in.c-flow.input?operation=getTable&branch=" + job.branchId, null, Map.class)
                                .get("rowsCount") + "\n")));

        template.sendBody("keboola:in.c-flow.input?primaryKey=id" + inBranch, "id\n1\n2\n");
        template.sendBody("keboola:?operation=runJob&componentId=keboola.orchestrator&configId=8" + inBranch, null);

        assertThat(export("out.c-flow.result", inBranch)).extracting(r -> r.get("n")).containsExactly("2");
        assertThat(failure("keboola:out.c-flow.result?operation=getTable")).isInstanceOf(KeboolaException.class);
    }

    private static QueueJob queueJob(Exchange exchange) {
        assertThat(exchange.getException()).isNull();
        String id = (String) exchange.getMessage().getBody(Map.class).get("id");
        return KEBOOLA.emulator().queue().job(Long.parseLong(id)).orElseThrow();
    }
}
