package io.github.camelkeboola.karaf.probe;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;

import java.util.Hashtable;
import java.util.Map;
import java.util.function.Function;

/**
 * Runs inside the OSGi framework as a bundle of its own: an import route and an export route through the
 * {@code keboola:} component, found the way Camel finds components (its service file), against the Storage API at
 * the URL it is given. Registered as a {@code Function} of string maps so the test, outside the framework,
 * talks to it with JDK types only.
 */
public class RouteProbe implements BundleActivator, Function<Map<String, String>, Map<String, String>> {

    private BundleContext bundleContext;

    @Override
    public void start(BundleContext context) {
        bundleContext = context;
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("probe", "camel-keboola");
        context.registerService(Function.class, this, properties);
    }

    @Override
    public void stop(BundleContext context) {
    }

    /** Imports {@code csv} into {@code table}; returns the table's export and the bundle the component came from. */
    @Override
    public Map<String, String> apply(Map<String, String> call) {
        ClassLoader bundles = new BundlesClassLoader(bundleContext);
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(bundles);
        try (CamelContext camel = new DefaultCamelContext()) {
            // what camel-core-osgi does in Karaf: Camel looks for service files and classes in the framework's bundles
            camel.setApplicationContextClassLoader(bundles);
            String options = "stackUrl=" + call.get("stackUrl") + "&token=RAW(" + call.get("token") + ")";
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:import").toD("keboola:${header.table}?primaryKey=id&" + options);
                    from("direct:export").toD("keboola:${header.table}?operation=exportTable&" + options)
                            .convertBodyTo(String.class);
                }
            });
            camel.start();
            ProducerTemplate template = camel.createProducerTemplate();
            template.requestBodyAndHeader("direct:import", call.get("csv"), "table", call.get("table"));
            String exported = template.requestBodyAndHeader("direct:export", null, "table", call.get("table"), String.class);
            Bundle origin = FrameworkUtil.getBundle(camel.getComponent("keboola").getClass());
            return Map.of("export", exported, "componentBundle", origin == null ? "none" : origin.getSymbolicName());
        } catch (Exception e) {
            throw new IllegalStateException("routes in the framework failed", e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
