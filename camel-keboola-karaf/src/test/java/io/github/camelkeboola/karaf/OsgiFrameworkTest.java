package io.github.camelkeboola.karaf;

import aQute.bnd.header.Attrs;
import aQute.bnd.header.Parameters;
import aQute.bnd.osgi.Analyzer;
import aQute.bnd.osgi.Builder;
import aQute.bnd.osgi.Jar;
import io.github.camelkeboola.emulator.KeboolaEmulator;
import io.github.camelkeboola.karaf.probe.RouteProbe;
import org.apache.felix.framework.FrameworkFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.framework.wiring.FrameworkWiring;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.jar.Manifest;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.osgi.framework.namespace.PackageNamespace.PACKAGE_NAMESPACE;

/**
 * The component bundle in an OSGi framework (Apache Felix) with every bundle it imports from: the camel-keboola
 * feature's bundles (HttpClient 5 wrapped with bnd by the feature's own wrap instructions, commons-csv and commons-io
 * as they ship), Jackson's bundles, and, standing in for camel-karaf's camel-core feature (its bundles are not served
 * here), Camel's plain jars wrapped with bnd, exporting at their version as camel-karaf's bundles do. Everything must
 * resolve and start through the version ranges of the component's manifest.
 */
class OsgiFrameworkTest {

    static final String CAMEL = "org.apache.camel";
    /** Camel's jars the component imports from, and the engine a route needs. */
    static final List<String> CAMEL_JARS = List.of("camel-api", "camel-util", "camel-util-json", "camel-support",
            "camel-management-api", "camel-base", "camel-base-engine", "camel-core-engine", "camel-core-model",
            "camel-core-processor", "camel-core-reifier", "camel-core-languages", "camel-direct");

    @TempDir
    static Path storage;

    static Framework framework;
    static Bundle component;
    static final Map<String, Bundle> BUNDLES = new LinkedHashMap<>();

    @BeforeAll
    static void startFramework() throws Exception {
        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        // the logging API comes from the platform, as pax-logging provides it in Karaf
        String slf4j = version(TestClasspath.jar("org.slf4j", "slf4j-api"));
        config.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, List.of("org.slf4j", "org.slf4j.spi", "org.slf4j.event",
                "org.slf4j.helpers").stream().map(p -> p + ";version=" + slf4j).collect(Collectors.joining(",")));
        framework = new FrameworkFactory().newFramework(config);
        framework.start();
        BundleContext context = framework.getBundleContext();

        // camel-karaf's jackson feature: Jackson's jars are bundles
        for (String artifact : List.of("jackson-core", "jackson-annotations", "jackson-databind")) {
            install(context, artifact, TestClasspath.jar("com.fasterxml.jackson.core", artifact));
        }
        // camel-karaf's camel-core feature: Camel's jars as camel-karaf bundles them, exporting at their version
        for (String artifact : CAMEL_JARS) {
            Path jar = TestClasspath.jar(CAMEL, artifact);
            String version = version(jar);
            installWrapped(context, artifact, jar, Map.of(Constants.BUNDLE_SYMBOLICNAME, "wrap_" + CAMEL + "." + artifact,
                    Constants.BUNDLE_VERSION, version, Constants.EXPORT_PACKAGE, "org.apache.camel*;version=" + version,
                    Constants.DYNAMICIMPORT_PACKAGE, "*"));
        }
        // the camel-keboola feature's own bundles, wrapped with the instructions it gives
        for (String bundle : FeaturesXmlTest.bundles("camel-keboola")) {
            BundleUrl url = BundleUrl.parse(bundle);
            if (url.artifactId().equals(TestClasspath.COMPONENT)) {
                Path built = TestClasspath.component();
                String location = Files.isDirectory(built) ? "reference:" + built.toUri() : built.toUri().toString();
                component = context.installBundle(location);
                BUNDLES.put(TestClasspath.COMPONENT, component);
                continue;
            }
            Path jar = TestClasspath.jar(url.groupId(), url.artifactId(), url.version()).orElseThrow();
            if (url.wrap()) {
                installWrapped(context, url.artifactId(), jar, url.instructions());
            } else {
                install(context, url.artifactId(), jar);
            }
        }
        assertThat(component).as("the component bundle in the feature").isNotNull();

        for (Bundle installed : BUNDLES.values()) {
            installed.start();
        }
    }

    @AfterAll
    static void stopFramework() throws Exception {
        if (framework != null) {
            framework.stop();
            framework.waitForStop(30_000);
        }
    }

    @Test
    void everyBundleResolvesAndStarts() {
        assertThat(framework.adapt(FrameworkWiring.class).resolveBundles(BUNDLES.values())).isTrue();
        assertThat(BUNDLES).allSatisfy((name, bundle) ->
                assertThat(bundle.getState()).as(name).isEqualTo(Bundle.ACTIVE));
    }

    @Test
    void manifestVersionsEveryImportAndExportsOnlyTheApiPackage() throws Exception {
        Parameters imports = new Parameters(header(Constants.IMPORT_PACKAGE));
        assertThat(imports.keySet()).contains("org.apache.camel", "org.apache.camel.spi", "org.apache.camel.support",
                "org.apache.hc.client5.http.impl.classic", "com.fasterxml.jackson.databind", "org.apache.commons.csv");
        imports.forEach((pkg, attrs) -> {
            if (jdk(pkg)) {
                return;
            }
            assertThat(attrs.get(Constants.VERSION_ATTRIBUTE)).as("version range of %s", pkg).isNotBlank();
            assertThat(attrs.get(Constants.RESOLUTION_DIRECTIVE + ":")).as("resolution of %s", pkg).isNull();
        });
        assertThat(range(imports, "org.apache.camel.support")).isEqualTo("[4.14,5)");
        assertThat(range(imports, "org.apache.hc.client5.http.impl.classic")).isEqualTo("[5.5,6)");
        assertThat(range(imports, "org.apache.hc.core5.http")).isEqualTo("[5.3,6)");
        assertThat(range(imports, "com.fasterxml.jackson.databind")).isEqualTo("[2.19,3)");

        assertThat(new Parameters(header(Constants.EXPORT_PACKAGE)).keySet())
                .containsExactly("io.github.camelkeboola.component");
        List<String> exported = component.adapt(BundleWiring.class).getCapabilities(PACKAGE_NAMESPACE).stream()
                .map(c -> (String) c.getAttributes().get(PACKAGE_NAMESPACE)).toList();
        assertThat(exported).containsExactly("io.github.camelkeboola.component");
        // the internals are in the bundle, private
        assertThat(component.getEntry("io/github/camelkeboola/component/api/HttpStorageApi.class")).isNotNull();
        assertThat(component.getEntry("io/github/camelkeboola/component/consumer/KeboolaConsumer.class")).isNotNull();
    }

    @Test
    void everyImportIsWiredToTheBundleThatShouldProvideIt() {
        List<BundleWire> wires = component.adapt(BundleWiring.class).getRequiredWires(PACKAGE_NAMESPACE);
        Map<String, Bundle> providers = new HashMap<>();
        wires.forEach(w -> providers.put((String) w.getCapability().getAttributes().get(PACKAGE_NAMESPACE),
                w.getProvider().getBundle()));

        new Parameters(header(Constants.IMPORT_PACKAGE)).keySet().forEach(pkg ->
                assertThat(providers).as("wire for %s", pkg).containsKey(pkg));
        String camelVersion = version(TestClasspath.jar(CAMEL, "camel-api"));
        providers.forEach((pkg, provider) -> {
            if (pkg.startsWith("org.apache.camel")) {
                assertThat(provider.getSymbolicName()).as(pkg).startsWith("wrap_org.apache.camel.");
                assertThat(provider.getVersion().toString()).as(pkg).isEqualTo(camelVersion);
            } else if (pkg.startsWith("org.apache.hc.")) {
                assertThat(provider.getSymbolicName()).as(pkg).startsWith("wrap_org.apache.httpcomponents.");
            } else if (jdk(pkg)) {
                assertThat(provider.getBundleId()).as(pkg).isZero();
            }
        });
    }

    @Test
    void importAndExportRoutesRunInsideTheFramework() throws Exception {
        BundleContext context = framework.getBundleContext();
        Bundle probe = context.installBundle("probe:" + RouteProbe.class.getName(), probeBundle());
        probe.start();
        ServiceReference<?> reference = context.getServiceReferences(Function.class.getName(), "(probe=camel-keboola)")[0];
        @SuppressWarnings("unchecked")
        Function<Map<String, String>, Map<String, String>> routes =
                (Function<Map<String, String>, Map<String, String>>) context.getService(reference);

        try (KeboolaEmulator emulator = KeboolaEmulator.builder().provider("aws").start()) {
            Map<String, String> result = routes.apply(Map.of("stackUrl", emulator.baseUrl(), "token", emulator.token(),
                    "table", "in.c-osgi.orders", "csv", "id,name\n1,alpha\n2,beta\n"));

            assertThat(result.get("componentBundle")).isEqualTo(component.getSymbolicName());
            assertThat(result.get("export")).startsWith("\"id\",\"name\"\n").contains("\"1\",\"alpha\"", "\"2\",\"beta\"");
        } finally {
            probe.uninstall();
        }
    }

    @Test
    void keepsCamelsServiceFiles() {
        for (String service : List.of("component/keboola", "configurer/keboola-component",
                "configurer/keboola-endpoint", "urifactory/keboola-endpoint", "dev-console/keboola")) {
            assertThat(component.getEntry("META-INF/services/org/apache/camel/" + service)).as(service).isNotNull();
        }
    }

    /** Packages of the JDK, which the system bundle exports without a version. */
    private static boolean jdk(String pkg) {
        return pkg.startsWith("java.") || pkg.startsWith("javax.crypto") || pkg.startsWith("javax.net");
    }

    private static String header(String name) {
        return component.getHeaders().get(name);
    }

    private static String range(Parameters imports, String pkg) {
        Attrs attrs = imports.get(pkg);
        return attrs == null ? null : attrs.get(Constants.VERSION_ATTRIBUTE);
    }

    private static void install(BundleContext context, String name, Path jar) throws Exception {
        try (InputStream in = Files.newInputStream(jar)) {
            BUNDLES.put(name, context.installBundle("file:" + jar, in));
        }
    }

    /** The probe package of this module's test classes as a bundle of its own. */
    private static InputStream probeBundle() throws Exception {
        ByteArrayOutputStream bundle = new ByteArrayOutputStream();
        try (Builder builder = new Builder()) {
            builder.addClasspath(TestClasspath.testClasses().toFile());
            builder.setProperty(Constants.BUNDLE_SYMBOLICNAME, "camel-keboola-probe");
            builder.setProperty(Constants.BUNDLE_VERSION, "1.0.0");
            builder.setProperty(Constants.BUNDLE_ACTIVATOR, RouteProbe.class.getName());
            builder.setProperty("Private-Package", RouteProbe.class.getPackageName());
            builder.setProperty(Constants.IMPORT_PACKAGE, "*");
            builder.build().write(bundle);
            assertThat(builder.getErrors()).isEmpty();
        }
        return new ByteArrayInputStream(bundle.toByteArray());
    }

    private static String version(Path mavenJar) {
        return mavenJar.getParent().getFileName().toString();
    }

    /** Wraps a plain jar with bnd as Karaf's {@code wrap:} protocol does: its instructions, imports optional. */
    private static void installWrapped(BundleContext context, String name, Path jar, Map<String, String> instructions)
            throws Exception {
        ByteArrayOutputStream bundle = new ByteArrayOutputStream();
        try (Analyzer analyzer = new Analyzer(); Jar content = new Jar(jar.toFile())) {
            analyzer.setJar(content);
            analyzer.setProperty(Constants.IMPORT_PACKAGE, "*;resolution:=optional");
            instructions.forEach(analyzer::setProperty);
            Manifest manifest = analyzer.calcManifest();
            content.setManifest(manifest);
            content.write(bundle);
        }
        String location = "wrap:" + jar.getFileName();
        BUNDLES.put(name, context.installBundle(location, new ByteArrayInputStream(bundle.toByteArray())));
    }
}
