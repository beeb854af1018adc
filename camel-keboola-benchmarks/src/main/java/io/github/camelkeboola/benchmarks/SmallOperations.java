package io.github.camelkeboola.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelkeboola.component.KeboolaConstants;
import io.github.camelkeboola.component.api.HttpStorageApi;
import io.github.camelkeboola.component.KeboolaConfiguration;
import io.github.camelkeboola.emulator.KeboolaEmulator;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The small operations, through the component with its default job polling, against an emulator behind a
 * {@link CountingProxy}: a 10-row import, a 10-row export and a preview (wall time, Storage API calls, job polls,
 * and when Keboola's PHP and Python clients would have noticed the same job finish: contract §9), then a consumer's
 * idle poll (calls, time) and the latency from an import's commit to the delivery of its rows.
 */
final class SmallOperations {

    private static final String TABLE = Scenario.BUCKET + ".small";
    private static final long CONSUMER_DELAY_MILLIS = 1000;
    private static final DateTimeFormatter KEBOOLA_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss[.SSS][XXX][XX]");

    private SmallOperations() {
    }

    static ObjectNode run() throws Exception {
        ObjectNode out = new ObjectMapper().createObjectNode();
        try (KeboolaEmulator emulator = KeboolaEmulator.builder().provider("aws").start();
             CountingProxy proxy = new CountingProxy(emulator.baseUrl());
             CamelContext camel = new DefaultCamelContext()) {
            String options = "stackUrl=" + proxy.url() + "&token=RAW(" + emulator.token() + ")";
            BlockingQueue<Instant> delivered = new LinkedBlockingQueue<>();
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:import").to("keboola:" + TABLE + "?incremental=true&" + options);
                    from("direct:export").to("keboola:" + TABLE + "?operation=exportTable&outputType=stream&" + options)
                            .process(e -> e.getMessage().getMandatoryBody(InputStream.class).transferTo(OutputStream.nullOutputStream()));
                    from("direct:preview").to("keboola:" + TABLE + "?operation=previewTable&" + options);
                    from("keboola:" + TABLE + "?outputType=rows&delay=" + CONSUMER_DELAY_MILLIS + "&" + options)
                            .routeId("consumer").autoStartup(false)
                            .process(e -> delivered.add(Instant.now()));
                }
            });
            camel.start();
            try (ProducerTemplate template = camel.createProducerTemplate();
                 HttpStorageApi api = api(emulator)) {
                api.ensureBucket(Scenario.BUCKET);
                proxy.reset();
                out.set("import10", measure(proxy, api, () -> template.request("direct:import", e -> e.getIn().setBody(rows(1)))));
                out.set("export10", measure(proxy, api, () -> template.request("direct:export", e -> { })));
                out.set("preview", measure(proxy, api, () -> template.request("direct:preview", e -> { })));

                // The consumer delivers the table's 10 rows, then idles; then an import's rows reach it.
                camel.getRouteController().startRoute("consumer");
                for (int i = 0; i < 10; i++) {
                    if (delivered.poll(120, TimeUnit.SECONDS) == null) {
                        throw new IllegalStateException("The consumer did not deliver the table's rows");
                    }
                }
                proxy.reset();
                proxy.awaitCalls("/tables/" + TABLE, 5, 120_000);
                List<CountingProxy.Call> idle = proxy.reset();
                long tableReads = idle.stream().filter(c -> c.path().endsWith("/tables/" + TABLE)).count();
                ObjectNode poll = out.putObject("consumerIdlePoll");
                poll.put("polls", tableReads).put("callsPerPoll", (double) idle.size() / tableReads)
                        .put("msPerPoll", idle.stream().mapToLong(CountingProxy.Call::nanos).sum() / 1e6 / tableReads)
                        .put("calls", String.valueOf(calls(idle)));

                Exchange imported = template.request("direct:import", e -> e.getIn().setBody(rows(11)));
                Instant returned = Instant.now();
                Instant first = delivered.poll(120, TimeUnit.SECONDS);
                if (first == null) {
                    throw new IllegalStateException("The consumer did not deliver the imported rows");
                }
                Instant commit = endTime(api, imported.getMessage().getHeader(KeboolaConstants.JOB_ID, Long.class));
                out.putObject("consumerLatency").put("delayMillis", CONSUMER_DELAY_MILLIS)
                        .put("commitToDeliveryMillis", Duration.between(commit, first).toMillis())
                        .put("importReturnedToDeliveryMillis", Duration.between(returned, first).toMillis());
            }
        }
        return out;
    }

    private interface Operation {
        Exchange run() throws Exception;
    }

    private static ObjectNode measure(CountingProxy proxy, HttpStorageApi api, Operation operation) throws Exception {
        proxy.reset();
        long start = System.nanoTime();
        Exchange exchange = operation.run();
        long nanos = System.nanoTime() - start;
        if (exchange.getException() != null) {
            throw exchange.getException();
        }
        List<CountingProxy.Call> calls = proxy.reset();
        ObjectNode r = new ObjectMapper().createObjectNode().put("ms", nanos / 1e6).put("apiCalls", calls.size())
                .put("jobPolls", calls.stream().filter(CountingProxy.Call::isJobPoll).count()).put("calls", String.valueOf(calls(calls)));
        Long jobId = exchange.getMessage().getHeader(KeboolaConstants.JOB_ID, Long.class);
        if (jobId != null) {
            var job = api.getJob(jobId);
            double seconds = Duration.between(time(job.path("createdTime").asText()), time(job.path("endTime").asText())).toMillis() / 1000.0;
            // When each client's next poll after the job ended comes (first poll at once; PHP then 2, 4, 8, 16, 20 s...,
            // Python 4, 8, 16, 20 s...), ignoring the time the calls themselves take.
            r.put("jobSeconds", seconds).put("phpPolls", polls(seconds, 1)).put("phpNoticesAfterSeconds", noticedAt(seconds, 1))
                    .put("pythonPolls", polls(seconds, 2)).put("pythonNoticesAfterSeconds", noticedAt(seconds, 2));
        }
        return r;
    }

    /** Seconds until the poll that sees a job of {@code seconds} done, sleeping min(2^tries, 20) s with tries from {@code first}. */
    static double noticedAt(double seconds, int first) {
        double at = 0;
        for (int tries = first; at < seconds; tries++) {
            at += Math.min(Math.pow(2, tries), 20);
        }
        return at;
    }

    static int polls(double seconds, int first) {
        double at = 0;
        int polls = 1;
        for (int tries = first; at < seconds; tries++, polls++) {
            at += Math.min(Math.pow(2, tries), 20);
        }
        return polls;
    }

    private static Map<String, Integer> calls(List<CountingProxy.Call> calls) {
        Map<String, Integer> byKind = new LinkedHashMap<>();
        calls.forEach(c -> byKind.merge(c.toString(), 1, Integer::sum));
        return byKind;
    }

    private static Iterator<Map<String, String>> rows(int firstId) {
        List<Map<String, String>> rows = new ArrayList<>();
        for (int id = firstId; id < firstId + 10; id++) {
            Map<String, String> row = new LinkedHashMap<>();
            row.put("id", String.valueOf(id));
            row.put("name", "row " + id);
            rows.add(row);
        }
        return rows.iterator();
    }

    private static Instant endTime(HttpStorageApi api, long jobId) {
        return time(api.getJob(jobId).path("endTime").asText());
    }

    private static Instant time(String text) {
        return OffsetDateTime.parse(text, KEBOOLA_TIME).toInstant();
    }

    private static HttpStorageApi api(KeboolaEmulator emulator) {
        KeboolaConfiguration cfg = new KeboolaConfiguration();
        cfg.setStackUrl(emulator.baseUrl());
        cfg.setToken(emulator.token());
        return new HttpStorageApi(cfg);
    }
}
