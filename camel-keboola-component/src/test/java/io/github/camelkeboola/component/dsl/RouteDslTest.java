package io.github.camelkeboola.component.dsl;

import io.github.camelkeboola.component.KeboolaComponent;
import io.github.camelkeboola.emulator.KeboolaEmulator;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The guide's example routes, in each DSL (the Java {@link OrdersRoutes}, or the YAML and XML files loaded from the
 * class path), import a CSV file, pass the changed rows on and export the table to a file, against the emulator.
 */
class RouteDslTest {

    private static final List<String> ROUTES = List.of("orders-import", "orders-changes", "orders-export");
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private KeboolaEmulator emulator;
    private CamelContext context;

    @AfterEach
    void stop() {
        if (context != null) {
            context.stop();
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"java", "yaml", "xml"})
    void theExampleRoutesImportPassChangesOnAndExport(String dsl) throws Exception {
        emulator = KeboolaEmulator.builder().start();
        context = new DefaultCamelContext();
        KeboolaComponent keboola = context.getComponent("keboola", KeboolaComponent.class);
        keboola.getConfiguration().setStackUrl(emulator.baseUrl());
        keboola.getConfiguration().setToken(emulator.token());
        context.getPropertiesComponent().addInitialProperty("orders.inbox", dir.resolve("inbox").toString());
        context.getPropertiesComponent().addInitialProperty("orders.outbox", dir.resolve("outbox").toString());
        context.getPropertiesComponent().addInitialProperty("orders.cursorFile", dir.resolve("cursor.properties").toString());
        OrdersRoutes.ordersCursor(context);
        List<Map<String, Object>> erp = new CopyOnWriteArrayList<>();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:erp").routeId("erp").process(e -> erp.add(e.getMessage().getBody(Map.class)));
            }
        });
        if (dsl.equals("java")) {
            context.addRoutes(new OrdersRoutes());
        } else {
            for (String route : ROUTES) {
                PluginHelper.getRoutesLoader(context).loadRoutes(
                        ResourceHelper.resolveMandatoryResource(context, "classpath:routes/" + route + "." + dsl));
            }
        }
        // the routes start one after the other: the consumer's first poll needs the table, the export its rows
        context.setAutoStartup(false);
        context.start();
        context.getRouteController().startRoute("erp");
        assertThat(context.getRoutes()).extracting(r -> r.getRouteId()).containsAll(ROUTES);

        context.getRouteController().startRoute("orders-import");
        Files.createDirectories(dir.resolve("inbox"));
        Files.writeString(dir.resolve("inbox/orders-1.csv"), "id,item\n1,apple\n2,pear\n3,plum\n");
        ProducerTemplate template = context.createProducerTemplate();
        await().atMost(PATIENCE).until(() -> rowsCount(template) == 3);

        context.getRouteController().startRoute("orders-changes");
        await().atMost(PATIENCE).until(() -> erp.size() == 3);
        assertThat(erp).extracting(row -> (Object) row.get("item")).containsExactlyInAnyOrder("apple", "pear", "plum");
        assertThat(dir.resolve("cursor.properties")).as("the cursor is kept in the file").exists();

        context.getRouteController().startRoute("orders-export");
        Path exported = dir.resolve("outbox/orders.csv");
        await().atMost(PATIENCE).until(() -> Files.exists(exported) && Files.readAllLines(exported).size() == 4);
        assertThat(Files.readAllLines(exported, StandardCharsets.UTF_8))
                .first().asString().contains("id").contains("item");
        assertThat(Files.readString(exported)).contains("apple").contains("pear").contains("plum");
    }

    private static long rowsCount(ProducerTemplate template) {
        try {
            Map<?, ?> table = template.requestBody("keboola:in.c-main.orders?operation=getTable", null, Map.class);
            return ((Number) table.get("rowsCount")).longValue();
        } catch (RuntimeException notYetCreated) {
            return -1;
        }
    }
}
