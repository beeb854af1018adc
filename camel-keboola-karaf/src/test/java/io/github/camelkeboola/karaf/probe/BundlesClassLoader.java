package io.github.camelkeboola.karaf.probe;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/** Classes and resources of the resolved bundles of a framework, as camel-core-osgi's resolvers see them in Karaf. */
final class BundlesClassLoader extends ClassLoader {

    private final BundleContext context;

    BundlesClassLoader(BundleContext context) {
        super(null);
        this.context = context;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getBundleId() != 0 && (bundle.getState() & (Bundle.RESOLVED | Bundle.ACTIVE)) != 0) {
                try {
                    return bundle.loadClass(name);
                } catch (ClassNotFoundException e) {
                    // not this bundle's
                }
            }
        }
        throw new ClassNotFoundException(name);
    }

    @Override
    protected URL findResource(String name) {
        for (Bundle bundle : context.getBundles()) {
            URL url = bundle.getBundleId() == 0 ? null : bundle.getEntry(name);
            if (url != null) {
                return url;
            }
        }
        return null;
    }

    @Override
    protected Enumeration<URL> findResources(String name) throws IOException {
        List<URL> urls = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            URL url = bundle.getBundleId() == 0 ? null : bundle.getEntry(name);
            if (url != null) {
                urls.add(url);
            }
        }
        return Collections.enumeration(urls);
    }
}
