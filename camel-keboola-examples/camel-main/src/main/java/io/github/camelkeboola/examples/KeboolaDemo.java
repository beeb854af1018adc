package io.github.camelkeboola.examples;

import io.github.camelkeboola.component.KeboolaComponent;
import io.github.camelkeboola.component.KeboolaConstants;
import io.github.camelkeboola.emulator.KeboolaEmulator;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.Main;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The camel-keboola demo. Without {@code KEBOOLA_TOKEN} it starts the embedded Storage API emulator; with it (and
 * {@code KEBOOLA_STACK_URL}, default https://connection.keboola.com) it works on that stack, in the bucket
 * {@code in.c-camel-keboola-demo}. It imports the bundled time zone data set, previews it, upserts two rows,
 * exports the table as JSON, prints what it did and exits; {@code --keep-running} keeps Camel running until stopped.
 */
public final class KeboolaDemo {

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
        Main main = new Main();
        KeboolaComponent keboola = new KeboolaComponent();
        keboola.getConfiguration().setStackUrl(stackUrl);
        keboola.getConfiguration().setToken(token);
        main.bind("keboola", keboola);
        main.configure().addRoutesBuilder(new DemoRoutes(jsonSample));
        try {
            main.start();
            runSteps(main.getCamelTemplate(), jsonSample, out);
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

    private static void runSteps(ProducerTemplate template, JsonSample jsonSample, PrintStream out) throws Exception {
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

        List<Map<String, String>> changes = List.of(
                row("Europe/Prague", "CZ", "Czechia", "50.0833", "14.4333", "home of this demo"),
                row("Etc/UTC", "", "", "0", "0", "Coordinated Universal Time, not in zone.tab"));
        Exchange upserted = template.send("direct:upsertRows", e -> e.getIn().setBody(changes));
        failOn(upserted);
        Exchange detail = template.send("direct:tableDetail", e -> { });
        failOn(detail);
        out.printf("3. Upserted %d rows incrementally by primary key (Europe/Prague updated, Etc/UTC added): the table has %s rows%n",
                changes.size(),
                detail.getMessage().getBody(Map.class).get("rowsCount"));

        Exchange exported = template.send("direct:exportAsJson", e -> { });
        failOn(exported);
        out.printf("4. Exported %d rows and turned them into JSON (camel-csv + camel-jackson), for example:%n", jsonSample.count());
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
