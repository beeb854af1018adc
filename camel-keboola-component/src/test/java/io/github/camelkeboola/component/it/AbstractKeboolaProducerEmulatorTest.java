package io.github.camelkeboola.component.it;

import io.github.camelkeboola.component.CapturedLog;
import io.github.camelkeboola.component.EmulatorComponents;
import io.github.camelkeboola.component.KeboolaComponent;
import io.github.camelkeboola.component.KeboolaConstants;
import io.github.camelkeboola.component.KeboolaCsvStream;
import io.github.camelkeboola.component.KeboolaException;
import io.github.camelkeboola.emulator.KeboolaEmulator;
import io.github.camelkeboola.emulator.fault.Fault;
import io.github.camelkeboola.emulator.fault.FaultInjector;
import io.github.camelkeboola.emulator.fault.FaultTarget;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every producer operation and output type through Camel routes against the embedded emulator; one subclass per
 * file storage flavour (aws, azure, gcp).
 */
abstract class AbstractKeboolaProducerEmulatorTest extends CamelTestSupport {

    @TempDir
    Path tempDir;

    private String table;

    abstract KeboolaEmulator emulator();

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        // the recommended setup: stack and token on the component, so no URI carries the token
        KeboolaComponent keboola = EmulatorComponents.pointedAt(emulator());
        context.addComponent("keboola", keboola);
        return context;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:keboola").toD("keboola:${header.table}?${header.options}");
                from("direct:exportCsv").toD("keboola:${header.table}?operation=exportTable${header.options}")
                        .convertBodyTo(String.class);
                from("direct:exportBodyType").toD("keboola:${header.table}?operation=exportTable")
                        .setHeader("bodyType", simple("${body.getClass().getName()}"))
                        .convertBodyTo(String.class);
                from("direct:exportToMock").toD("keboola:${header.table}?operation=exportTable${header.options}")
                        .to("mock:exported");
                from("direct:exportRowsThenFail").toD("keboola:${header.table}?operation=exportTable&outputType=rows")
                        .process(e -> e.getMessage().getBody(Iterator.class).next())
                        .throwException(new IllegalStateException("the route fails after the first row"));
                from("direct:exportRows").toD("keboola:${header.table}?operation=exportTable&outputType=rows${header.options}")
                        .split(body()).streaming().to("mock:rows");
            }
        };
    }

    @AfterEach
    void clearFaults() {
        emulator().faults().clear();
    }

    /** A table of its own for every test, so tests of one class share the emulator without sharing data. */
    private String table(TestInfo info) {
        if (table == null) {
            table = "in.c-camel." + info.getTestMethod().orElseThrow().getName().toLowerCase().replaceAll("[^a-z0-9]", "");
        }
        return table;
    }

    private Exchange call(String tableId, String options, Object body, Map<String, Object> headers) {
        return template.request("direct:keboola", exchange -> {
            exchange.getIn().setHeader("table", tableId);
            exchange.getIn().setHeader("options", options);
            exchange.getIn().getHeaders().putAll(headers);
            exchange.getIn().setBody(body);
        });
    }

    private Exchange ok(String tableId, String options, Object body) {
        Exchange exchange = call(tableId, options, body, Map.of());
        assertThat(exchange.getException()).as("exception of " + options).isNull();
        return exchange;
    }

    private String exportCsv(String tableId, String options, Map<String, Object> headers) {
        Exchange exchange = template.request("direct:exportCsv", e -> {
            e.getIn().setHeader("table", tableId);
            e.getIn().setHeader("options", options.isEmpty() ? "" : "&" + options);
            e.getIn().getHeaders().putAll(headers);
        });
        assertThat(exchange.getException()).isNull();
        return exchange.getMessage().getBody(String.class);
    }

    /** CSV lines without the header, sorted: exports have no row order. */
    private static List<String> dataLines(String csv) {
        List<String> lines = Arrays.asList(csv.split("\n"));
        return lines.subList(1, lines.size()).stream().sorted().toList();
    }

    @Test
    void importCreatesTheTableAndExportStreamsItBack(TestInfo info) {
        String tableId = table(info);

        Exchange imported = ok(tableId, "primaryKey=id", "id,name\n1,alpha\n2,\"b, with comma\"\n3,gamma\n");

        Map<?, ?> results = imported.getMessage().getBody(Map.class);
        assertThat(results.get("tableCreated")).isEqualTo(true);
        assertThat(results.get("totalRowsCount")).isEqualTo(3L);
        assertThat(imported.getMessage().getHeader(KeboolaConstants.JOB_ID, Long.class)).isPositive();
        assertThat(imported.getMessage().getHeader(KeboolaConstants.FILE_ID, Long.class)).isPositive();
        assertThat(imported.getMessage().getHeader(KeboolaConstants.TABLE_ID)).isEqualTo(tableId);

        String csv = exportCsv(tableId, "", Map.of());
        assertThat(csv).startsWith("\"id\",\"name\"\n");
        assertThat(dataLines(csv)).containsExactly("\"1\",\"alpha\"", "\"2\",\"b, with comma\"", "\"3\",\"gamma\"");
    }

    @Test
    void exportStreamReachesTheNextStepUncached(TestInfo info) {
        String tableId = table(info);
        ok(tableId, "", "id\n1\n");

        Exchange exchange = template.request("direct:exportBodyType", e -> e.getIn().setHeader("table", tableId));

        // stream caching is on in this context; a cached body would have been read whole into memory
        assertThat(context.getStreamCachingStrategy().isEnabled()).isTrue();
        assertThat(exchange.getMessage().getHeader("bodyType")).isEqualTo(KeboolaCsvStream.class.getName());
        assertThat(exchange.getMessage().getBody(String.class)).isEqualTo("\"id\"\n\"1\"\n");
    }

    @Test
    void exportBodyIsReadableAfterTheExchangeCompleted(TestInfo info) throws Exception {
        String tableId = table(info);
        ok(tableId, "primaryKey=id", "id,name\n1,alpha\n2,beta\n");
        MockEndpoint exported = getMockEndpoint("mock:exported");
        exported.expectedMessageCount(2);

        Object stream = template.requestBodyAndHeaders("direct:exportToMock", null, Map.of("table", tableId, "options", ""));
        template.requestBodyAndHeaders("direct:exportToMock", null,
                Map.of("table", tableId, "options", "&outputType=rows"));

        // both exchanges are complete: a template caller and a test reading the mock afterwards still get the rows
        exported.assertIsSatisfied();
        assertThat(context.getTypeConverter().convertTo(String.class, stream))
                .startsWith("\"id\",\"name\"\n").contains("\"2\",\"beta\"");
        Iterator<?> rows = exported.getReceivedExchanges().get(1).getMessage().getBody(Iterator.class);
        List<Object> all = new ArrayList<>();
        rows.forEachRemaining(all::add);
        assertThat(all).hasSize(2);
    }

    @Test
    void rowsAbandonedByAFailedRouteReleaseTheirDownload(TestInfo info) throws Exception {
        String tableId = table(info);
        ok(tableId, "", "id\n1\n2\n3\n");
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        List<Path> before = sliceFiles(tmp);

        Exchange failed = template.request("direct:exportRowsThenFail", e -> e.getIn().setHeader("table", tableId));

        assertThat(failed.getException()).hasMessageContaining("fails after the first row");
        // the slice downloaded into a temporary file is deleted once the exchange is done, not when the JVM exits
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(sliceFiles(tmp)).isSubsetOf(before));
    }

    private static List<Path> sliceFiles(Path dir) throws java.io.IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("keboola-slice-")).toList();
        }
    }

    @Test
    void rowsImportIncrementallyAndExportAsRows(TestInfo info) throws Exception {
        String tableId = table(info);
        ok(tableId, "primaryKey=id", List.of(row("id", "1", "city", "Prague"), row("id", "2", "city", "Brno")));

        Exchange second = ok(tableId, "incremental=true",
                List.of(row("id", "2", "city", "Ostrava"), row("id", "3", "city", "Plzen")).iterator());
        assertThat(second.getMessage().getBody(Map.class).get("tableCreated")).isEqualTo(false);

        MockEndpoint rows = getMockEndpoint("mock:rows");
        rows.expectedMessageCount(3);
        template.send("direct:exportRows", e -> {
            e.getIn().setHeader("table", tableId);
            e.getIn().setHeader("options", "");
        });
        rows.assertIsSatisfied();
        assertThat(rows.getExchanges()).extracting(e -> e.getIn().getBody(Map.class).get("id") + "=" + e.getIn().getBody(Map.class).get("city"))
                .containsExactlyInAnyOrder("1=Prague", "2=Ostrava", "3=Plzen");
    }

    @Test
    void fullLoadReplacesAndIncrementalHeaderOverridesTheOption(TestInfo info) {
        String tableId = table(info);
        ok(tableId, "", "id,v\n1,a\n2,b\n");
        ok(tableId, "", "id,v\n9,z\n");
        assertThat(dataLines(exportCsv(tableId, "", Map.of()))).containsExactly("\"9\",\"z\"");

        Exchange appended = call(tableId, "incremental=false", "id,v\n10,y\n", Map.of(KeboolaConstants.INCREMENTAL, true));
        assertThat(appended.getException()).isNull();
        assertThat(dataLines(exportCsv(tableId, "", Map.of()))).containsExactly("\"10\",\"y\"", "\"9\",\"z\"");
    }

    @Test
    void fileBodyImportsAndTheFileComponentWritesTheExportAtomically(TestInfo info) throws Exception {
        String tableId = table(info);
        Path source = tempDir.resolve("source.csv");
        Files.writeString(source, "sku;qty\nA-1;5\nB-2;7\n");
        ok(tableId, "delimiter=;", source.toFile());

        Path out = tempDir.resolve("out");
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                // the guide's route: the stream goes to a temporary name, renamed when complete
                from("direct:exportToFile")
                        .toD("keboola:${header.table}?operation=exportTable")
                        .to("file:" + out + "?fileName=${header.CamelKeboolaTableId}.csv&tempFileName=${file:name}.part");
            }
        });
        template.sendBodyAndHeader("direct:exportToFile", null, "table", tableId);

        String csv = Files.readString(out.resolve(tableId + ".csv"));
        assertThat(csv).startsWith("\"sku\",\"qty\"\n");
        assertThat(dataLines(csv)).containsExactly("\"A-1\",\"5\"", "\"B-2\",\"7\"");
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files).hasSize(1); // no partial file left behind
        }
    }

    @Test
    void filesPickedUpByTheFileComponentAreImported(TestInfo info) throws Exception {
        String tableId = table(info);
        Path inbox = Files.createDirectories(tempDir.resolve("inbox"));
        Files.writeString(inbox.resolve("orders.csv"), "id,total\n1,9.5\n2,12\n");
        MockEndpoint imported = getMockEndpoint("mock:imported");
        imported.expectedMessageCount(1);

        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                // the body is a GenericFile
                from("file:" + inbox + "?noop=true").to("keboola:" + tableId).to("mock:imported");
            }
        });

        imported.assertIsSatisfied();
        assertThat(imported.getExchanges().get(0).getIn().getBody(Map.class).get("totalRowsCount")).isEqualTo(2L);
        assertThat(dataLines(exportCsv(tableId, "", Map.of()))).containsExactly("\"1\",\"9.5\"", "\"2\",\"12\"");
    }

    @Test
    void headerlessCsvCreatesTheTableFromColumns(TestInfo info) {
        String tableId = table(info);
        ok(tableId, "withoutHeaders=true&columns=code,label", "x1,first\nx2,second\n".getBytes(StandardCharsets.UTF_8));

        Map<?, ?> detail = ok(tableId, "operation=getTable", null).getMessage().getBody(Map.class);
        assertThat(detail.get("columns")).isEqualTo(List.of("code", "label"));

        // into the existing table: the columns option tells the API the file has no header
        ok(tableId, "withoutHeaders=true&columns=code,label&incremental=true", "x3,third\n");
        assertThat(dataLines(exportCsv(tableId, "", Map.of()))).hasSize(3).contains("\"x3\",\"third\"");
    }

    @Test
    void exportFiltersColumnsWhereAndLimitWithHeaderOverride(TestInfo info) {
        String tableId = table(info);
        ok(tableId, "", "id,country,amount\n1,CZ,10\n2,SK,20\n3,CZ,30\n");

        String cz = exportCsv(tableId, "columns=id,amount&whereColumn=country&whereValues=CZ", Map.of());
        assertThat(cz).startsWith("\"id\",\"amount\"\n");
        assertThat(dataLines(cz)).containsExactly("\"1\",\"10\"", "\"3\",\"30\"");

        String notCz = exportCsv(tableId, "columns=id&whereColumn=country&whereValues=CZ&whereOperator=ne",
                Map.of(KeboolaConstants.COLUMNS, "id,country"));
        assertThat(notCz).startsWith("\"id\",\"country\"\n");
        assertThat(dataLines(notCz)).containsExactly("\"2\",\"SK\"");

        assertThat(dataLines(exportCsv(tableId, "limit=2", Map.of()))).hasSize(2);
    }

    @Test
    void changedSinceAcceptsInstantsAndRelativeTimes(TestInfo info) {
        String tableId = table(info);
        ok(tableId, "", "id\n1\n2\n");

        assertThat(dataLines(exportCsv(tableId, "changedSince=-1 days", Map.of()))).hasSize(2);
        assertThat(dataLines(exportCsv(tableId, "", Map.of(KeboolaConstants.OVERRIDE_CHANGED_SINCE, Instant.now().plusSeconds(3600))))).isEmpty();
        assertThat(dataLines(exportCsv(tableId, "", Map.of(KeboolaConstants.OVERRIDE_CHANGED_UNTIL, "-1 hours")))).isEmpty();
    }

    @Test
    void getListPreviewGetJobAndDelete(TestInfo info) {
        String tableId = table(info);
        Exchange imported = ok(tableId, "", "id,name\n1,a\n2,b\n3,c\n");
        Long jobId = imported.getMessage().getHeader(KeboolaConstants.JOB_ID, Long.class);

        Map<?, ?> detail = ok(tableId, "operation=getTable", null).getMessage().getBody(Map.class);
        assertThat(detail.get("id")).isEqualTo(tableId);

        List<?> tables = ok("in.c-camel", "operation=listTables", null).getMessage().getBody(List.class);
        List<Object> ids = tables.stream().map(t -> (Object) ((Map<?, ?>) t).get("id")).toList();
        assertThat(ids).contains(tableId);

        String preview = ok(tableId, "operation=previewTable&limit=2&columns=name", null).getMessage().getBody(String.class);
        List<String> lines = Arrays.asList(preview.split("\n"));
        assertThat(lines).hasSize(3).first().isEqualTo("\"name\"");

        Exchange job = call("", "operation=getJob", null, Map.of(KeboolaConstants.OVERRIDE_JOB_ID, jobId));
        assertThat(job.getMessage().getBody(Map.class).get("status")).isEqualTo("success");

        ok(tableId, "operation=deleteTable", null);
        Exchange gone = call(tableId, "operation=getTable", null, Map.of());
        assertThat(gone.getException()).isInstanceOfSatisfying(KeboolaException.class, e -> {
            assertThat(e.getHttpResponseCode()).isEqualTo(404);
            assertThat(e.getErrorCode()).isEqualTo("storage.tables.notFound");
            assertThat(e.getTableId()).isEqualTo(tableId);
        });
    }

    @Test
    void missingTableWithoutAutoCreateFailsWithTheApiError(TestInfo info) {
        Exchange exchange = call(table(info), "autoCreateTable=false", "id\n1\n", Map.of());
        assertThat(exchange.getException()).isInstanceOfSatisfying(KeboolaException.class, e -> {
            assertThat(e.getHttpResponseCode()).isEqualTo(404);
            assertThat(e.getErrorCode()).isIn("storage.tables.notFound", "storage.buckets.notFound");
            assertThat(e.getExceptionId()).isNotBlank();
        });
    }

    @Test
    void csvMissingColumnsFailsTheJob(TestInfo info) {
        String tableId = table(info);
        ok(tableId, "", "id,name\n1,a\n");

        Exchange exchange = call(tableId, "incremental=true", "id,other\n2,b\n", Map.of());

        assertThat(exchange.getException()).isInstanceOfSatisfying(KeboolaException.class, e -> {
            assertThat(e.getErrorCode()).isEqualTo("csvImport.columnsNotMatch");
            assertThat(e.getJobId()).isPositive();
            assertThat(e.getTableId()).isEqualTo(tableId);
            assertThat(e.getMessage()).contains("csvImport.columnsNotMatch", "job=" + e.getJobId());
        });
    }

    @Test
    void badTokenIs401(TestInfo info) {
        Exchange exchange = call(table(info), "operation=getTable&token=not-a-valid-token", null, Map.of());
        assertThat(exchange.getException()).isInstanceOfSatisfying(KeboolaException.class, e -> {
            assertThat(e.getHttpResponseCode()).isEqualTo(401);
            assertThat(e.getErrorCode()).isEqualTo("storage.tokenInvalid");
            assertThat(e.getMessage()).doesNotContain("not-a-valid-token");
        });
    }

    @Test
    void serverErrorsAreRetried(TestInfo info) {
        String tableId = table(info);
        ok(tableId, "", "id\n1\n");
        FaultInjector.Rule rule = emulator().faults().inject(FaultTarget.API, "GET", "/tables/", Fault.status(502), 2);

        Exchange exchange = ok(tableId, "operation=getTable", null);

        assertThat(rule.hits()).isEqualTo(2);
        assertThat(exchange.getMessage().getBody(Map.class).get("id")).isEqualTo(tableId);
    }

    @Test
    void importSurvivesServerErrorsOnItsPosts(TestInfo info) {
        String tableId = table(info);
        FaultInjector.Rule prepare = emulator().faults().inject(FaultTarget.API, "POST", "/files/prepare", Fault.status(500), 1);
        FaultInjector.Rule create = emulator().faults().inject(FaultTarget.API, "POST", "/tables-async", Fault.status(502), 1);

        ok(tableId, "", "id\n1\n2\n");

        assertThat(prepare.hits()).isEqualTo(1);
        assertThat(create.hits()).isEqualTo(1);
        assertThat(dataLines(exportCsv(tableId, "", Map.of()))).hasSize(2); // created once, not twice
    }

    @Test
    void maintenanceRetryAfterIsHonoured(TestInfo info) {
        String tableId = table(info);
        ok(tableId, "", "id\n1\n");
        FaultInjector.Rule rule = emulator().faults().inject(FaultTarget.API, "GET", "/tables/", Fault.maintenance(Duration.ofSeconds(1)), 1);

        long started = System.nanoTime();
        ok(tableId, "operation=getTable", null);

        assertThat(rule.hits()).isEqualTo(1);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isGreaterThanOrEqualTo(950);
    }

    @Test
    void notImplementedIsNotRetried(TestInfo info) {
        String tableId = table(info);
        FaultInjector.Rule rule = emulator().faults().inject(FaultTarget.API, "GET", "/tables/", Fault.status(501), 5);

        Exchange exchange = call(tableId, "operation=getTable", null, Map.of());

        assertThat(exchange.getException()).isInstanceOfSatisfying(KeboolaException.class,
                e -> assertThat(e.getHttpResponseCode()).isEqualTo(501));
        assertThat(rule.hits()).isEqualTo(1);
    }

    @Test
    void failedJobFromTheServerNamesItsCode(TestInfo info) {
        String tableId = table(info);
        ok(tableId, "", "id\n1\n");
        emulator().faults().inject(FaultTarget.API, "POST", "/export-async", Fault.failJob("storage.exportFailed", "disk full"), 1);

        Exchange exchange = template.request("direct:exportCsv", e -> {
            e.getIn().setHeader("table", tableId);
            e.getIn().setHeader("options", "");
        });

        assertThat(exchange.getException()).isInstanceOfSatisfying(KeboolaException.class, e -> {
            assertThat(e.getErrorCode()).isEqualTo("storage.exportFailed");
            assertThat(e.getMessage()).contains("disk full");
            assertThat(e.getJobId()).isPositive();
        });
    }

    @Test
    void largeImportAndExportStream(TestInfo info) throws Exception {
        String tableId = table(info);
        int count = 20_000;
        Iterable<Map<String, String>> rows = () -> IntStream.range(0, count)
                .mapToObj(i -> row("id", Integer.toString(i), "text", "row number " + i + " with some text"))
                .iterator();

        Map<?, ?> results = ok(tableId, "primaryKey=id", rows).getMessage().getBody(Map.class);
        assertThat(results.get("totalRowsCount")).isEqualTo((long) count);

        MockEndpoint out = getMockEndpoint("mock:rows");
        out.expectedMessageCount(count);
        template.send("direct:exportRows", e -> {
            e.getIn().setHeader("table", tableId);
            e.getIn().setHeader("options", "");
        });
        out.assertIsSatisfied(TimeUnit.MINUTES.toMillis(2));
    }

    @Test
    void noCredentialReachesAnyLogWithEveryLoggerAtTrace(TestInfo info) throws Exception {
        String tableId = table(info);
        String token = emulator().token();
        // over two parts of 256 KiB that do not compress: GCS uploads it through a resumable session (upload_id)
        StringBuilder big = new StringBuilder("id,text\n");
        java.util.Random random = new java.util.Random(8);
        for (int i = 0; big.length() < 700_000; i++) {
            big.append(i).append(',').append(Long.toHexString(random.nextLong())).append(Long.toHexString(random.nextLong())).append('\n');
        }
        try (CapturedLog log = CapturedLog.atDebug()) {
            ok(tableId, "uploadPartSize=262144", big.toString());
            // a failed storage answer (retried) and a failed call: error paths log and build messages too
            emulator().faults().inject(FaultTarget.FILE_STORAGE, "GET", ".", Fault.status(500), 1);
            // few rows out: every row is an exchange, and every exchange logs much at TRACE
            assertThat(exportCsv(tableId, "limit=3", Map.of())).startsWith("\"id\",\"text\"");
            template.send("direct:exportRows", e -> {
                e.getIn().setHeader("table", tableId);
                e.getIn().setHeader("options", "&limit=3");
            });
            Exchange failed = call(tableId + "x", "operation=getTable", null, Map.of());
            assertThat(failed.getException()).isInstanceOf(KeboolaException.class);
            // the consumer, with a poll that fails on the file storage, and what the dev console shows of it
            String small = tableId + "_small";
            ok(small, "", "id\n1\n2\n");
            emulator().faults().inject(FaultTarget.FILE_STORAGE, "GET", "_part_", Fault.status(403), 1);
            MockEndpoint consumed = getMockEndpoint("mock:consumed");
            consumed.expectedMinimumMessageCount(2);
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("keboola:" + small + "?outputType=rows&delay=100&initialDelay=0").routeId("secrets-consumer").to("mock:consumed");
                }
            });
            consumed.assertIsSatisfied(TimeUnit.SECONDS.toMillis(60));
            org.apache.camel.console.DevConsole console = org.apache.camel.support.PluginHelper.getDevConsoleResolver(context)
                    .resolveDevConsole("keboola");
            String consoleText = console.call(org.apache.camel.console.DevConsole.MediaType.TEXT) + " "
                                 + console.call(org.apache.camel.console.DevConsole.MediaType.JSON);
            assertThat(consoleText).contains(small);
            context.getRouteController().stopRoute("secrets-consumer");

            Set<String> issued = emulator().issuedCredentials();
            // the values that were handed out, so the assertion below cannot pass for want of anything to find
            assertThat(issued).hasSizeGreaterThan(2);
            assertThat(log.text()).contains("org.apache.hc.client5.http.impl.classic.MainClientExec", "executing PUT",
                    "org.apache.hc.client5.http.headers");
            List<String> secrets = new ArrayList<>(issued);
            secrets.add(token);
            // the emulator's own storage servers (S3Proxy's Jetty, the JDK server) stand for S3, Azure and GCS: what they
            // log of the requests they receive is the provider's side, not the application's
            List<String> clientSide = log.lines().stream().filter(line -> !line.startsWith("org.gaul.") && !line.startsWith("org.jclouds")
                    && !line.startsWith("jclouds") && !line.startsWith("io.github.camelkeboola.emulator")
                    && !line.startsWith("com.sun.net.httpserver")).toList();
            for (String line : clientSide) {
                for (String secret : secrets) {
                    assertThat(line).as("a log line").doesNotContain(secret);
                }
            }
            assertThat(failed.getException().getMessage()).doesNotContain(token);
            for (String secret : secrets) {
                assertThat(consoleText).as("the dev console").doesNotContain(secret);
            }
        }
    }

    private static Map<String, String> row(String... keyValues) {
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            row.put(keyValues[i], keyValues[i + 1]);
        }
        return row;
    }

}
