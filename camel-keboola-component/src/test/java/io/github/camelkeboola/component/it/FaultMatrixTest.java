package io.github.camelkeboola.component.it;

import io.github.camelkeboola.component.KeboolaComponent;
import io.github.camelkeboola.component.KeboolaConstants;
import io.github.camelkeboola.component.KeboolaException;
import io.github.camelkeboola.emulator.KeboolaEmulator;
import io.github.camelkeboola.emulator.fault.Fault;
import io.github.camelkeboola.emulator.fault.FaultTarget;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.ExceptionHandler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The fault matrix of the guide: every producer operation and the consumer against every fault the emulator injects,
 * with short timeouts. A cell's outcome is either the same data as without the fault, or a {@link KeboolaException}
 * naming the HTTP status and code (and the job) — never a partial load reported as success; a failed import leaves the
 * table as it was or, once its job ran, loaded whole. The outcomes are written as an AsciiDoc table that the guide
 * includes ({@code src/main/docs/keboola-fault-matrix.adoc}); the test fails when the committed table differs from
 * what it observed. Run with {@code -Dkeboola.faultMatrix.write=true} to rewrite it after a deliberate change.
 */
class FaultMatrixTest {

    static final Path COMMITTED = Path.of("src/main/docs/keboola-fault-matrix.adoc");
    private static final String ORIGINAL = "id,name\n1,a\n2,b\n";
    private static final String REPLACEMENT = "id,name\n1,x\n3,y\n";
    private static final Duration SLOW = Duration.ofMillis(2_500);

    private static KeboolaEmulator emulator;
    private static CamelContext context;
    private static ProducerTemplate template;
    private static int tables;

    /** What a fault does and where it strikes: the operation's own call, its job, or its file transfer. */
    enum FaultCase {
        HTTP_500("500"), BAD_GATEWAY_HTML("502 (HTML body)"), MAINTENANCE("503 maintenance, Retry-After"),
        RATE_LIMIT("429"), SLOW_ANSWER("answer slower than requestTimeout"), API_BODY_CUT("connection cut mid-body (API)"),
        STORAGE_BODY_CUT("connection cut mid-body (file storage)"), JOB_FAILS("failed job"),
        JOB_OUTLIVES_TIMEOUT("job outlives jobTimeout"), ACCEPT_THEN_504("accepted, then 504 (job-creating POST)"),
        UNAUTHORIZED_MID_TRANSFER("401 in the middle of a transfer"), CREDENTIALS_EXPIRE("file credentials expire mid-transfer");

        final String title;

        FaultCase(String title) {
            this.title = title;
        }
    }

    /** An operation: how it is called, which API call is its own, and whether it has a job and a file transfer. */
    enum Operation {
        IMPORT("importTable", null, "/import-async$", true, true, true),
        EXPORT("exportTable", null, "/export-async$", true, true, true),
        GET_TABLE("getTable", "GET", "/tables/in\\.c-matrix\\.[^/]+$", false, false, false),
        LIST_TABLES("listTables", "GET", "/buckets/in\\.c-matrix/tables$", false, false, false),
        PREVIEW("previewTable", "GET", "/data-preview$", false, false, false),
        DELETE("deleteTable", "DELETE", "/tables/in\\.c-matrix\\.[^/]+$", true, false, false),
        GET_JOB("getJob", "GET", "/jobs/[0-9]+$", false, false, false),
        CONSUMER("consumer", null, "/export-async$", true, true, true);

        final String name;
        final String method;
        final String ownCall;
        final boolean job;
        final boolean transfer;
        final boolean post;

        Operation(String name, String method, String ownCall, boolean job, boolean transfer, boolean post) {
            this.name = name;
            this.method = method;
            this.ownCall = ownCall;
            this.job = job;
            this.transfer = transfer;
            this.post = post;
        }
    }

    @BeforeAll
    static void start() throws Exception {
        emulator = KeboolaEmulator.builder().provider("aws").start();
        context = new DefaultCamelContext();
        KeboolaComponent keboola = new KeboolaComponent();
        keboola.getConfiguration().setStackUrl(emulator.baseUrl());
        keboola.getConfiguration().setToken(emulator.token());
        keboola.getConfiguration().setRequestTimeout(1_000);
        keboola.getConfiguration().setConnectTimeout(1_000);
        keboola.getConfiguration().setMaxRetries(2);
        keboola.getConfiguration().setRetryInitialDelay(10);
        keboola.getConfiguration().setRetryMaxDelay(50);
        keboola.getConfiguration().setJobPollMaxInterval(50);
        context.addComponent("keboola", keboola);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:op").toD("keboola:${header.table}?${header.options}").convertBodyTo(String.class);
            }
        });
        context.start();
        template = context.createProducerTemplate();
    }

    @AfterAll
    static void stop() {
        if (context != null) {
            context.stop();
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    @Test
    void everyOperationAgainstEveryFault() throws Exception {
        Map<Operation, Map<FaultCase, String>> matrix = new LinkedHashMap<>();
        for (Operation operation : Operation.values()) {
            Map<FaultCase, String> row = new LinkedHashMap<>();
            for (FaultCase fault : FaultCase.values()) {
                row.put(fault, cell(operation, fault));
            }
            matrix.put(operation, row);
        }
        String table = asciiDoc(matrix);
        if (Boolean.getBoolean("keboola.faultMatrix.write")) {
            Files.writeString(COMMITTED, table);
        }
        assertThat(Files.readString(COMMITTED)).as("the committed fault matrix (" + COMMITTED + ") is what was tested;"
                + " rewrite it with -Dkeboola.faultMatrix.write=true").isEqualTo(table);
    }

    /** Runs one cell and returns its outcome as the guide shows it. */
    private String cell(Operation operation, FaultCase fault) throws Exception {
        emulator.faults().clear();
        String table = "in.c-matrix.t" + (++tables);
        load(table, ORIGINAL);
        long jobOfSetup = lastJobId;
        if (!arm(operation, fault)) {
            return "n/a";
        }
        try {
            return operation == Operation.CONSUMER ? consume(table, fault) : produce(operation, fault, table, jobOfSetup);
        } finally {
            emulator.faults().clear();
        }
    }

    private long lastJobId;

    private void load(String table, String csv) {
        Exchange exchange = template.request("direct:op", e -> {
            e.getIn().setHeader("table", table);
            e.getIn().setHeader("options", "");
            e.getIn().setBody(csv);
        });
        assertThat(exchange.getException()).as("setting up " + table).isNull();
        lastJobId = exchange.getMessage().getHeader(KeboolaConstants.JOB_ID, Long.class);
    }

    /** Arms the fault where it strikes this operation; false where it cannot apply. */
    private boolean arm(Operation op, FaultCase fault) {
        String method = op.post ? "POST" : op.method;
        switch (fault) {
            case HTTP_500 -> api(method, op.ownCall, Fault.status(500));
            case BAD_GATEWAY_HTML -> api(method, op.ownCall, Fault.gatewayPage(502));
            case MAINTENANCE -> api(method, op.ownCall, Fault.maintenance(Duration.ofSeconds(1)));
            case RATE_LIMIT -> api(method, op.ownCall, Fault.status(429));
            case SLOW_ANSWER -> api(method, op.ownCall, Fault.delay(SLOW));
            case API_BODY_CUT -> api(method, op.ownCall, Fault.cutBody(5));
            case STORAGE_BODY_CUT -> {
                if (!op.transfer) {
                    return false;
                }
                storage(op == Operation.IMPORT ? "PUT" : "GET", op == Operation.IMPORT ? "." : "_part_", Fault.cutBody(10));
            }
            case JOB_FAILS -> {
                if (!op.job) {
                    return false;
                }
                api(method, op.ownCall, Fault.failJob("storage.matrix.injected", "Injected job failure"));
            }
            case JOB_OUTLIVES_TIMEOUT -> {
                if (!op.job || op == Operation.CONSUMER) {
                    return false;
                }
            }
            case ACCEPT_THEN_504 -> {
                if (!op.post) {
                    return false;
                }
                api("POST", op.ownCall, Fault.acceptThenStatus(504));
            }
            case UNAUTHORIZED_MID_TRANSFER -> {
                // after the operation's own call: the job poll, the exported file's detail; else that call itself
                String later = op == Operation.IMPORT || op == Operation.DELETE ? "/jobs/[0-9]+$"
                        : op.transfer ? "/files/[0-9]+$" : op.ownCall;
                api(op == Operation.IMPORT || op == Operation.DELETE || op.transfer ? "GET" : method, later, Fault.status(401));
            }
            case CREDENTIALS_EXPIRE -> {
                if (!op.transfer) {
                    return false;
                }
                storage(op == Operation.IMPORT ? "PUT" : "GET", op == Operation.IMPORT ? "." : "_part_", Fault.status(403));
            }
            default -> throw new IllegalStateException(fault.name());
        }
        return true;
    }

    private void api(String method, String path, Fault fault) {
        emulator.faults().inject(FaultTarget.API, method, path, fault, 1);
    }

    private void storage(String method, String path, Fault fault) {
        emulator.faults().inject(FaultTarget.FILE_STORAGE, method, path, fault, 1);
    }

    private String produce(Operation op, FaultCase fault, String table, long jobOfSetup) throws Exception {
        String options = "operation=" + op.name
                         + (fault == FaultCase.JOB_OUTLIVES_TIMEOUT ? "&jobTimeout=1" : "")
                         + (op == Operation.PREVIEW ? "&limit=10" : "");
        String target = op == Operation.LIST_TABLES ? "in.c-matrix" : op == Operation.GET_JOB ? "" : table;
        Exchange exchange = template.request("direct:op", e -> {
            e.getIn().setHeader("table", target);
            e.getIn().setHeader("options", options);
            if (op == Operation.IMPORT) {
                e.getIn().setBody(REPLACEMENT);
            }
            if (op == Operation.GET_JOB) {
                e.getIn().setHeader(KeboolaConstants.OVERRIDE_JOB_ID, jobOfSetup);
            }
        });
        Exception failure = exchange.getException();
        if (failure == null) {
            assertSameData(op, table, exchange.getMessage().getBody(String.class), jobOfSetup);
            return "same data";
        }
        KeboolaException keboola = keboolaCause(failure);
        assertThat(keboola).as(op + " / " + fault + ": " + failure).isNotNull();
        if (op == Operation.IMPORT) {
            // never part of a table: as it was, or (a job that ran on) whole
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(rows(table)).isIn(List.of("\"1\",\"a\"", "\"2\",\"b\""), List.of("\"1\",\"x\"", "\"3\",\"y\"")));
        }
        return describe(keboola) + (keboola == failure ? "" : " when the body is read");
    }

    private static KeboolaException keboolaCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof KeboolaException k) {
                return k;
            }
        }
        return null;
    }

    private void assertSameData(Operation op, String table, String body, long jobOfSetup) throws Exception {
        switch (op) {
            case IMPORT -> assertThat(rows(table)).containsExactly("\"1\",\"x\"", "\"3\",\"y\"");
            case EXPORT -> assertThat(dataLines(body)).containsExactly("\"1\",\"a\"", "\"2\",\"b\"");
            case PREVIEW -> assertThat(dataLines(body)).containsExactly("\"1\",\"a\"", "\"2\",\"b\"");
            case GET_TABLE -> assertThat(body).contains(table);
            case LIST_TABLES -> assertThat(body).contains(table);
            case GET_JOB -> assertThat(body).contains(Long.toString(jobOfSetup));
            case DELETE -> assertThat(tableExists(table)).isFalse();
            default -> throw new IllegalStateException(op.name());
        }
    }

    private String consume(String table, FaultCase fault) throws Exception {
        List<Throwable> pollFailures = new CopyOnWriteArrayList<>();
        ExceptionHandler handler = new ExceptionHandler() {
            @Override
            public void handleException(Throwable exception) {
                pollFailures.add(exception);
            }

            @Override
            public void handleException(String message, Throwable exception) {
                pollFailures.add(exception);
            }

            @Override
            public void handleException(String message, Exchange exchange, Throwable exception) {
                pollFailures.add(exception);
            }
        };
        context.getRegistry().bind("pollFailures" + tables, handler);
        String routeId = "consumer-" + tables;
        MockEndpoint delivered = context.getEndpoint("mock:" + routeId, MockEndpoint.class);
        delivered.expectedMessageCount(2);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("keboola:" + table + "?outputType=rows&delay=100&initialDelay=0&stateKey=" + routeId
                     + "&exceptionHandler=#pollFailures" + tables)
                        .routeId(routeId).to("mock:" + routeId);
            }
        });
        try {
            delivered.assertIsSatisfied(TimeUnit.SECONDS.toMillis(30));
            List<String> ids = new ArrayList<>();
            delivered.getReceivedExchanges().forEach(e -> ids.add(String.valueOf(e.getIn().getBody(Map.class).get("id"))));
            assertThat(ids).containsExactlyInAnyOrder("1", "2");
            if (pollFailures.isEmpty()) {
                return "same data";
            }
            assertThat(pollFailures.get(0)).isInstanceOf(KeboolaException.class);
            return "same data, a poll later (the failed poll: " + describe((KeboolaException) pollFailures.get(0))
                   + "; no row lost or repeated)";
        } finally {
            context.getRouteController().stopRoute(routeId);
            context.removeRoute(routeId);
        }
    }

    /** What a failure names: exception, HTTP status, Keboola code, and that it names the job. */
    private static String describe(KeboolaException e) {
        StringBuilder text = new StringBuilder(e.getClass().getSimpleName());
        List<String> details = new ArrayList<>();
        if (e.getHttpResponseCode() > 0) {
            details.add("HTTP " + e.getHttpResponseCode());
        }
        if (e.getErrorCode() != null && !e.getErrorCode().isEmpty()) {
            details.add("code " + e.getErrorCode());
        }
        if (e.getJobId() != null) {
            details.add("job id");
        }
        if (e.getMessage().contains("did not finish within")) {
            details.add("job still running");
        }
        if (!details.isEmpty()) {
            text.append(" (").append(String.join(", ", details)).append(')');
        }
        return text.toString();
    }

    private List<String> rows(String table) {
        Exchange exchange = template.request("direct:op", e -> {
            e.getIn().setHeader("table", table);
            e.getIn().setHeader("options", "operation=exportTable");
        });
        assertThat(exchange.getException()).isNull();
        return dataLines(exchange.getMessage().getBody(String.class));
    }

    private boolean tableExists(String table) {
        Exchange exchange = template.request("direct:op", e -> {
            e.getIn().setHeader("table", table);
            e.getIn().setHeader("options", "operation=getTable");
        });
        return exchange.getException() == null;
    }

    private static List<String> dataLines(String csv) {
        List<String> lines = Arrays.asList(csv.split("\n"));
        return lines.subList(1, lines.size()).stream().sorted().toList();
    }

    private static String asciiDoc(Map<Operation, Map<FaultCase, String>> matrix) {
        StringBuilder doc = new StringBuilder();
        doc.append("// Written by FaultMatrixTest from what it observed; do not edit by hand.\n");
        doc.append("[cols=\"2,").append("3,".repeat(Operation.values().length - 1)).append("3\",options=\"header\"]\n|===\n");
        doc.append("| Fault");
        for (Operation op : matrix.keySet()) {
            doc.append(" | ").append(op.name);
        }
        doc.append('\n');
        for (FaultCase fault : FaultCase.values()) {
            doc.append("| ").append(fault.title);
            for (Map<FaultCase, String> row : matrix.values()) {
                doc.append(" | ").append(row.get(fault));
            }
            doc.append('\n');
        }
        doc.append("|===\n");
        return doc.toString();
    }
}
