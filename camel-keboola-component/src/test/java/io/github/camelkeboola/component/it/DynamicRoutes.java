package io.github.camelkeboola.component.it;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

/**
 * For route tests whose routes end in {@code toD("keboola:${header.table}?${header.options}")}: one route serves
 * every table and option set a test tries.
 */
final class DynamicRoutes {

    private DynamicRoutes() {
    }

    static Exchange send(ProducerTemplate template, String route, String tableId, String options, Object body) {
        return template.request(route, exchange -> {
            exchange.getIn().setHeader("table", tableId);
            exchange.getIn().setHeader("options", options);
            exchange.getIn().setBody(body);
        });
    }
}
