package io.github.camelkeboola.component;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.StreamCachingStrategy;

import java.io.FilterInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The CSV body of an export ({@code outputType=stream}): read once, as it downloads. Camel's stream caching (on by
 * default, in memory unless spooling is enabled) would read a whole table into memory before the next step of the
 * route, so the component keeps this type out of stream caching; the route reads it once, like a file handle.
 */
public final class KeboolaCsvStream extends FilterInputStream {

    public KeboolaCsvStream(InputStream csv) {
        super(csv);
    }

    /** Adds this type to the context's stream caching deny list (once; other types are not affected). */
    public static void excludeFromStreamCaching(CamelContext context) {
        StreamCachingStrategy strategy = context.getStreamCachingStrategy();
        if (strategy == null) {
            return;
        }
        synchronized (strategy) {
            Collection<Class<?>> denied = strategy.getDenyClasses();
            if (denied == null || !denied.contains(KeboolaCsvStream.class)) {
                List<Class<?>> classes = new ArrayList<>(denied == null ? List.of() : denied);
                classes.add(KeboolaCsvStream.class);
                strategy.setDenyClasses(classes.toArray(Class<?>[]::new));
            }
        }
    }
}
