package io.github.camelkeboola.quarkus.deployment;

import io.quarkus.bootstrap.model.ApplicationModel;
import io.quarkus.maven.dependency.ArtifactCoords;
import io.quarkus.maven.dependency.ResolvedDependency;

import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Loads the emulator and its libraries (S3Proxy, jclouds, Guice, H2) before the build's classes. The build's class
 * path can hold other versions of the same libraries: in test mode Maven's own Guice 5 comes first and jclouds,
 * written for Guice 7, then finds none of its bindings. What the emulator's jars do not hold (SLF4J, whose binding
 * is Quarkus's, and the few artifacts the resolved tree lists under another parent) comes from the build's loader.
 */
final class EmulatorClassLoader extends URLClassLoader {

    static {
        registerAsParallelCapable();
    }

    /** The emulator, and the Servlet API its S3Proxy needs (the deployment pom replaces the one Jetty brings). */
    private static final List<String> ROOTS = List.of(
            "io.github.camelkeboola:camel-keboola-emulator",
            "org.eclipse.jetty.toolchain:jetty-jakarta-servlet-api");
    private static final String SHARED = "org.slf4j:slf4j-api";

    private EmulatorClassLoader(URL[] urls, ClassLoader build) {
        super("keboola-emulator", urls, build);
    }

    /** A loader over the emulator's part of the dependency tree the build resolved. */
    static EmulatorClassLoader of(ApplicationModel model, ClassLoader build) {
        Map<String, ResolvedDependency> resolved = model.getDependencies().stream()
                .collect(Collectors.toMap(EmulatorClassLoader::key, Function.identity(), (first, other) -> first));
        Set<String> seen = new HashSet<>();
        Set<Path> paths = new LinkedHashSet<>();
        Deque<String> pending = new ArrayDeque<>(ROOTS);
        while (!pending.isEmpty()) {
            String key = pending.pop();
            ResolvedDependency dependency = resolved.get(key);
            if (dependency == null || key.equals(SHARED) || !seen.add(key)) {
                continue;
            }
            dependency.getResolvedPaths().forEach(paths::add);
            dependency.getDependencies().forEach(coords -> pending.push(key(coords)));
        }
        if (!seen.contains(ROOTS.get(0))) {
            throw new IllegalStateException("The Keboola dev service cannot find " + ROOTS.get(0) + " among the build's dependencies");
        }
        return new EmulatorClassLoader(paths.stream().map(EmulatorClassLoader::url).toArray(URL[]::new), build);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> type = findLoadedClass(name);
            if (type == null && !name.startsWith("java.")) {
                try {
                    type = findClass(name);
                } catch (ClassNotFoundException notInTheEmulatorsJars) {
                    // from the build's loader below
                }
            }
            if (type == null) {
                type = getParent().loadClass(name);
            }
            if (resolve) {
                resolveClass(type);
            }
            return type;
        }
    }

    @Override
    public URL getResource(String name) {
        URL own = findResource(name);
        return own != null ? own : getParent().getResource(name);
    }

    private static String key(ArtifactCoords coords) {
        String ga = coords.getGroupId() + ":" + coords.getArtifactId();
        return coords.getClassifier() == null || coords.getClassifier().isEmpty() ? ga : ga + ":" + coords.getClassifier();
    }

    private static URL url(Path path) {
        try {
            return path.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(path.toString(), e);
        }
    }
}
