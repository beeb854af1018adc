package io.github.camelkeboola.scaleout;

import io.github.camelkeboola.component.KeboolaConstants;
import io.github.camelkeboola.emulator.KeboolaEmulator;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ExchangePattern;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AggregationStrategies;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * One route prepares a sliced file and sends the parts of a load to a queue; three worker routes, in a CamelContext of
 * their own (as on other hosts: their component never saw the file prepared), upload a slice each with the upload
 * parameters that came with the work (Storage refreshes upload credentials only on GCS: this stack is Azure); the
 * route then imports the slices the workers returned as one job. A part that fails fails the load before the import:
 * the table keeps what it had.
 */
class DistributedImportTest {

    private static final String COLUMNS = "id,name,amount";
    private static final int PART_ROWS = 100;
    /** A part whose worker fails: its rows name a column the load does not have. */
    private static final int BAD_PART = -1;

    @TempDir
    static Path brokerDir;

    private static KeboolaEmulator emulator;
    private static EmbeddedArtemis broker;
    private static CamelContext camel;
    private static CamelContext workers;
    private static final Map<String, AtomicInteger> PARTS_PER_WORKER = new ConcurrentHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        emulator = KeboolaEmulator.builder().provider("azure").start();
        broker = new EmbeddedArtemis(brokerDir);
        camel = new DefaultCamelContext();
        camel.addComponent("keboola", ScaleOut.keboolaOn(emulator));
        camel.addComponent("jms", broker.jms());
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                // the body: the parts of the load, here part numbers; a worker makes the rows of its part
                from("direct:load")
                        .toD("keboola:${header.table}?operation=prepareSlicedFile")
                        .split(body(), AggregationStrategies.flexible().accumulateInCollection(ArrayList.class))
                            .parallelProcessing().stopOnException()
                            // JMS carries no Camel* header: the sliced file goes in a header of the route's own
                            .setHeader("slicedFile", header(KeboolaConstants.SLICED_FILE_UPLOAD))
                            .to(ExchangePattern.InOut, "jms:queue:parts?transferException=true")
                        .end()
                        .toD("keboola:${header.table}?operation=importSlicedFile&columns=" + COLUMNS);
            }
        });
        camel.start();

        workers = new DefaultCamelContext();
        workers.addComponent("keboola", ScaleOut.keboolaOn(emulator));
        workers.addComponent("jms", broker.jms());
        workers.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                for (int i = 1; i <= 3; i++) {
                    String worker = "uploader-" + i;
                    from("jms:queue:parts?transferException=true").routeId(worker)
                            .setHeader(KeboolaConstants.SLICED_FILE_UPLOAD, header("slicedFile"))
                            .process(e -> PARTS_PER_WORKER.computeIfAbsent(worker, w -> new AtomicInteger()).incrementAndGet())
                            .process(e -> e.getIn().setBody(partRows(e.getIn().getBody(Integer.class))))
                            .to("keboola:?operation=uploadSlice&columns=" + COLUMNS);
                }
            }
        });
        workers.start();
    }

    @AfterAll
    static void stop() throws Exception {
        workers.close();
        camel.close();
        broker.close();
        emulator.close();
    }

    @Test
    void workersUploadThePartsAndOneJobReplacesTheTableWithTheirUnion() {
        String table = "in.c-scale.loaded";
        ProducerTemplate template = camel.createProducerTemplate();
        template.sendBody("keboola:" + table + "?primaryKey=id", ScaleOut.rows(5000, 5010)); // what the full load replaces
        long importsBefore = importJobs(table);

        List<Integer> parts = List.of(0, 1, 2, 3, 4, 5, 6, 7, 8);
        Object results = template.requestBodyAndHeader("direct:load", parts, "table", table);

        assertThat(importJobs(table)).as("one import job").isEqualTo(importsBefore + 1);
        assertThat(results).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("totalRowsCount", parts.size() * PART_ROWS);
        assertThat(tableRows(template, table)).containsExactlyInAnyOrderElementsOf(ScaleOut.rows(0, parts.size() * PART_ROWS));
        assertThat(PARTS_PER_WORKER).as("every worker uploaded parts").hasSize(3);
    }

    @Test
    void aFailedPartFailsTheLoadBeforeTheImportAndTheTableKeepsItsRows() {
        String table = "in.c-scale.kept";
        ProducerTemplate template = camel.createProducerTemplate();
        template.sendBody("keboola:" + table + "?primaryKey=id", ScaleOut.rows(5000, 5010));
        long importsBefore = importJobs(table);

        assertThatThrownBy(() -> template.requestBodyAndHeader("direct:load", List.of(0, 1, BAD_PART, 3), "table", table))
                .isInstanceOf(CamelExecutionException.class)
                .rootCause().hasMessageContaining("has the column 'extra' which is not among the columns");

        assertThat(importJobs(table)).as("no import job").isEqualTo(importsBefore);
        assertThat(tableRows(template, table)).containsExactlyInAnyOrderElementsOf(ScaleOut.rows(5000, 5010));
    }

    private static List<Map<String, String>> partRows(int part) {
        if (part == BAD_PART) {
            List<Map<String, String>> rows = ScaleOut.rows(900, 910);
            rows.get(5).put("extra", "not a column of the load");
            return rows;
        }
        return ScaleOut.rows(part * PART_ROWS, (part + 1) * PART_ROWS);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, String>> tableRows(ProducerTemplate template, String table) {
        Iterator<Map<String, String>> rows = template.requestBody("keboola:" + table + "?operation=exportTable&outputType=rows",
                null, Iterator.class);
        List<Map<String, String>> all = new ArrayList<>();
        rows.forEachRemaining(all::add);
        return all;
    }

    private static long importJobs(String table) {
        return ScaleOut.jobs(emulator).stream()
                .filter(job -> "tableImport".equals(job.get("operationName")) && table.equals(job.get("tableId")))
                .count();
    }
}
