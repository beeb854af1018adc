package io.github.camelkeboola.examples;

import io.github.camelkeboola.component.KeboolaComponent;
import io.github.camelkeboola.component.KeboolaConstants;
import io.github.camelkeboola.emulator.KeboolaEmulator;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.Main;
import org.apache.camel.support.processor.state.MemoryStateRepository;

import java.io.InputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The camel-keboola demo. Without {@code KEBOOLA_TOKEN} it starts the embedded Storage API emulator; with it (and
 * {@code KEBOOLA_STACK_URL}, default https://connection.keboola.com) it works on that stack, in the bucket
 * {@code in.c-camel-keboola-demo}. It imports the bundled time zone data set, previews it, starts the changes consumer,
 * upserts two rows (which the consumer then delivers), exports the table as JSON, prints what it did and exits;
 * {@code --keep-running} keeps Camel running until stopped.
 */
public final class KeboolaDemo {

    // generous: on a real stack each poll that finds changes runs an export job
    private static final Duration CHANGES_TIMEOUT = Duration.ofMinutes(5);

    private KeboolaDemo() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args, System.getenv(), System.out));
    }

    /** Runs the demo; returns the exit code (0 on success). */
    public static int run(String[] args, Map<String, String> env, PrintStream out) throws Exception {
        boolean keepRunning = Arrays.asList(args).contains("--keep-running");
        String token = env.get("KEBOOLA_TOKEN");
        KeboolaEmulator emulator = null;
        String stackUrl;
        if (token == null || token.isBlank()) {
            emulator = KeboolaEmulator.builder().start();
            stackUrl = emulator.baseUrl();
            token = emulator.token();
            out.println("No KEBOOLA_TOKEN: using the embedded Keboola Storage API emulator at " + stackUrl);
        } else {
            stackUrl = env.getOrDefault("KEBOOLA_STACK_URL", "https://connection.keboola.com");
            out.println("Using the Keboola stack " + stackUrl);
        }

        JsonSample jsonSample = new JsonSample();
        DeliveredChanges changes = new DeliveredChanges();
        Main main = new Main();
        KeboolaComponent keboola = new KeboolaComponent();
        keboola.getConfiguration().setStackUrl(stackUrl);
        keboola.getConfiguration().setToken(token);
        main.bind("keboola", keboola);
        main.bind("demoCursor", new MemoryStateRepository());
        main.configure().addRoutesBuilder(new DemoRoutes(jsonSample, changes));
        try {
            main.start();
            runSteps(main.getCamelContext(), main.getCamelTemplate(), jsonSample, changes, out);
            if (keepRunning) {
                out.println("Camel keeps running (--keep-running); stop it with Ctrl+C.");
                CountDownLatch stopped = new CountDownLatch(1);
                Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
                stopped.await();
            }
            return 0;
        } catch (Exception e) {
            out.println("Demo failed: " + e.getMessage());
            return 1;
        } finally {
            main.stop();
            if (emulator != null) {
                emulator.close();
            }
        }
    }

    private static void runSteps(CamelContext camel, ProducerTemplate template, JsonSample jsonSample,
                                 DeliveredChanges changes, PrintStream out) throws Exception {
        String table = DemoRoutes.TABLE;

        Exchange imported;
        try (InputStream csv = KeboolaDemo.class.getResourceAsStream("/data/time_zones.csv")) {
            imported = template.send("direct:importCsv", e -> e.getIn().setBody(csv));
        }
        failOn(imported);
        Map<?, ?> results = imported.getMessage().getBody(Map.class);
        out.printf("1. Imported %s rows of time_zones.csv into %s (job %s, %s)%n", results.get("totalRowsCount"), table,
                imported.getMessage().getHeader(KeboolaConstants.JOB_ID),
                Boolean.TRUE.equals(results.get("tableCreated")) ? "table created" : "table replaced");

        Exchange preview = template.send("direct:preview", e -> { });
        failOn(preview);
        out.println("2. Preview of the first 5 rows:");
        preview.getMessage().getBody(String.class).lines().forEach(line -> out.println("     " + line));

        // the consumer's first poll reads the table as it is; from then on it delivers only what changes
        camel.getRouteController().startRoute("changes");
        int existing = changes.take(Integer.parseInt(String.valueOf(results.get("totalRowsCount"))), CHANGES_TIMEOUT).size();
        out.printf("3. Started the changes consumer (outputType=rows): its first poll delivered the %d rows there are%n",
                existing);

        List<Map<String, String>> upserts = List.of(
                row("Europe/Prague", "CZ", "Czechia", "50.0833", "14.4333", "home of this demo"),
                row("Etc/UTC", "", "", "0", "0", "Coordinated Universal Time, not in zone.tab"));
        Exchange upserted = template.send("direct:upsertRows", e -> e.getIn().setBody(upserts));
        failOn(upserted);
        Exchange detail = template.send("direct:tableDetail", e -> { });
        failOn(detail);
        out.printf("4. Upserted %d rows incrementally by primary key (Europe/Prague updated, Etc/UTC added): the table has %s rows%n",
                upserts.size(),
                detail.getMessage().getBody(Map.class).get("rowsCount"));

        List<Map<String, String>> changed = changes.take(upserts.size(), CHANGES_TIMEOUT);
        out.printf("5. The changes consumer delivered the %d rows the upsert changed:%n", changed.size());
        changed.stream()
                .sorted(Comparator.comparing((Map<String, String> row) -> row.get("zone")))
                .forEach(row -> out.println("     " + row.get("zone") + ": " + row.get("comments")));

        Exchange exported = template.send("direct:exportAsJson", e -> { });
        failOn(exported);
        out.printf("6. Exported %d rows and turned them into JSON (camel-csv + camel-jackson), for example:%n", jsonSample.count());
        jsonSample.first().forEach(json -> out.println("     " + json));
        out.println("Done.");
    }

    private static void failOn(Exchange exchange) throws Exception {
        if (exchange.getException() != null) {
            throw exchange.getException();
        }
    }

    private static Map<String, String> row(String zone, String countryCode, String country, String latitude,
                                           String longitude, String comments) {
        Map<String, String> row = new LinkedHashMap<>();
        row.put("zone", zone);
        row.put("country_code", countryCode);
        row.put("country", country);
        row.put("latitude", latitude);
        row.put("longitude", longitude);
        row.put("comments", comments);
        return row;
    }
}
