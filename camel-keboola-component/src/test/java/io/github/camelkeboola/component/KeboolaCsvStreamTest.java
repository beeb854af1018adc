package io.github.camelkeboola.component;

import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.SynchronizationAdapter;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The export body under Camel's stream caching (on by default): never copied into memory, readable after completion. */
class KeboolaCsvStreamTest extends CamelTestSupport {

    private static final String CSV = "\"id\",\"name\"\n\"1\",\"a\"\n\"2\",\"b\"\n";
    private final AtomicInteger downloads = new AtomicInteger();

    private InputStream download() {
        downloads.incrementAndGet();
        return new ByteArrayInputStream(CSV.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                // what the producer does: the body, closed when the exchange completes
                from("direct:export").process(exchange -> {
                    KeboolaCsvStream body = new KeboolaCsvStream(download(), KeboolaCsvStreamTest.this::download);
                    exchange.getMessage().setBody(body);
                    exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
                        @Override
                        public void onDone(Exchange done) {
                            body.close();
                        }
                    });
                }).to("direct:next");
                from("direct:next").process(e -> e.getMessage().setHeader("bodyType", e.getMessage().getBody().getClass().getName()))
                        .to("mock:out");
                from("direct:readTwice")
                        .process(e -> e.getMessage().setHeader("first", e.getMessage().getBody(String.class)))
                        .process(e -> e.getMessage().setHeader("second", e.getMessage().getBody(String.class)));
            }
        };
    }

    @Test
    void bodyIsNotCopiedByStreamCachingAndIsReadableAfterTheExchangeCompleted() {
        assertThat(context.getStreamCachingStrategy().isEnabled()).isTrue();

        template.sendBody("direct:export", null);

        Exchange received = getMockEndpoint("mock:out").getReceivedExchanges().get(0);
        assertThat(received.getMessage().getHeader("bodyType")).isEqualTo(KeboolaCsvStream.class.getName());
        assertThat(downloads).as("nothing read it before the test does").hasValue(1);
        assertThat(received.getMessage().getBody(String.class)).isEqualTo(CSV);
    }

    @Test
    void everyStepOfARouteReadsTheWholeBody() {
        Exchange exchange = template.send("direct:readTwice",
                e -> e.getMessage().setBody(new KeboolaCsvStream(download(), this::download)));

        assertThat(exchange.getMessage().getHeader("first")).isEqualTo(CSV);
        assertThat(exchange.getMessage().getHeader("second")).isEqualTo(CSV);
        assertThat(downloads).as("the second step downloads again rather than keep a copy").hasValue(2);
    }
}
