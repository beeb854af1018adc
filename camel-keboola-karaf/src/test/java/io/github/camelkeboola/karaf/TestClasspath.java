package io.github.camelkeboola.karaf;

import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The artifacts Maven put on this module's test classpath, looked up by their coordinates. */
final class TestClasspath {

    static final String COMPONENT = "camel-keboola-component";

    private static final List<Path> ENTRIES = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .map(Path::of).toList();

    private TestClasspath() {
    }

    /** The jar of {@code groupId:artifactId:version} as resolved from a Maven repository, if Maven resolved it. */
    static Optional<Path> jar(String groupId, String artifactId, String version) {
        String tail = String.join(File.separator, groupId.replace('.', File.separatorChar), artifactId, version,
                artifactId + "-" + version + ".jar");
        return ENTRIES.stream().filter(p -> p.toString().endsWith(tail)).findFirst();
    }

    /** The jar of {@code groupId:artifactId} in whatever version Maven resolved. */
    static Path jar(String groupId, String artifactId) {
        String dir = File.separator + groupId.replace('.', File.separatorChar) + File.separator + artifactId + File.separator;
        return ENTRIES.stream().filter(p -> p.toString().contains(dir) && p.toString().endsWith(".jar")).findFirst()
                .orElseThrow(() -> new IllegalStateException(groupId + ":" + artifactId + " is not on the test classpath"));
    }

    /** This module's compiled test classes. */
    static Path testClasses() {
        return ENTRIES.stream().filter(p -> p.endsWith("test-classes")).findFirst().orElseThrow();
    }

    /**
     * The component as the reactor hands it over: its jar after {@code package}, its classes directory (with the
     * manifest bnd wrote there) when only {@code test} ran.
     */
    static Path component() {
        return ENTRIES.stream()
                .filter(p -> p.toString().contains(COMPONENT) && !p.toString().contains("test-classes"))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(COMPONENT + " is not on the test classpath"));
    }
}
