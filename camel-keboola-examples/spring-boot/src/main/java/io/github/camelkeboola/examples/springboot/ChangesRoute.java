package io.github.camelkeboola.examples.springboot;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * Every changed row of the table, at least once: logged and kept for {@code GET /changes}. The cursor is the
 * component's {@code stateRepository} (application.yaml), so a restart goes on where the last run stopped.
 */
@Component
public class ChangesRoute extends RouteBuilder {

    private final RecentChanges recentChanges;

    public ChangesRoute(RecentChanges recentChanges) {
        this.recentChanges = recentChanges;
    }

    @Override
    public void configure() {
        from("keboola:{{example.table}}?outputType=rows&delay={{example.changes-delay}}")
                .routeId("changes")
                .log("Changed row of {{example.table}}: ${body}")
                .bean(recentChanges, "add");
    }
}
