package io.github.camelkeboola.karaf.it;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;

import javax.inject.Inject;
import java.io.File;
import java.nio.file.Path;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.maven;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.CoreOptions.url;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.features;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.keepRuntimeFolder;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

/**
 * Karaf 4.4.8 with camel-karaf 4.14.5: installs the camel-keboola feature from this module's features file and runs
 * an import and an export route against the emulator's standalone jar. Profile {@code -Pkaraf} only: it needs
 * camel-karaf's bundles, which are not served where CI runs (see the README).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class CamelKeboolaFeatureKarafIT {

    private static final String TOKEN = "karaf-it-token";
    private static final String TABLE = "in.c-karaf.orders";

    @Inject
    private BundleContext bundleContext;

    /** Runs in the test driver, outside Karaf: starts the emulator and describes the container. */
    @Configuration
    public Option[] configuration() throws Exception {
        String stackUrl = StandaloneEmulator.start(Path.of(System.getProperty("emulator.jar")), TOKEN);
        return new Option[] {
            karafDistributionConfiguration()
                    .frameworkUrl(maven("org.apache.karaf", "apache-karaf").type("tar.gz")
                            .version(System.getProperty("karaf.version")))
                    .unpackDirectory(new File("target/karaf-it"))
                    .useDeployFolder(false),
            keepRuntimeFolder(),
            configureConsole().ignoreLocalConsole().ignoreRemoteShell(),
            logLevel(LogLevel.INFO),
            // the component just built comes from the build's own repository, the rest from the local repository
            // (and Maven Central, Karaf's default remote)
            editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.defaultRepositories",
                    new File(System.getProperty("karaf.it.repository")).toURI() + "@snapshots@id=camel-keboola-build,"
                    + "file:${karaf.home}/${karaf.default.repository}@id=system.repository@snapshots"),
            editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.localRepository",
                    System.getProperty("maven.repo.local")),
            features(url(new File(System.getProperty("features.file")).toURI().toString()), "camel-keboola"),
            systemProperty("keboola.stackUrl").value(stackUrl),
            systemProperty("keboola.token").value(TOKEN),
        };
    }

    @Test
    public void importAndExportRoutesRunOnTheFeature() throws Exception {
        // camel-karaf's OSGi-aware context, whose resolvers find the component in its bundle; looked up by name so
        // this test compiles where camel-karaf's bundles are not served
        CamelContext camel = (CamelContext) Class.forName("org.apache.camel.karaf.core.OsgiDefaultCamelContext")
                .getConstructor(BundleContext.class).newInstance(bundleContext);
        String options = "stackUrl=" + System.getProperty("keboola.stackUrl")
                         + "&token=RAW(" + System.getProperty("keboola.token") + ")";
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:import").to("keboola:" + TABLE + "?primaryKey=id&" + options);
                from("direct:export").to("keboola:" + TABLE + "?operation=exportTable&" + options)
                        .convertBodyTo(String.class);
            }
        });
        camel.start();
        try {
            ProducerTemplate template = camel.createProducerTemplate();
            template.requestBody("direct:import", "id,name\n1,alpha\n2,beta\n");
            String exported = template.requestBody("direct:export", null, String.class);

            assertTrue(exported, exported.startsWith("\"id\",\"name\"\n"));
            assertTrue(exported, exported.contains("\"1\",\"alpha\"") && exported.contains("\"2\",\"beta\""));
            Bundle origin = FrameworkUtil.getBundle(camel.getComponent("keboola").getClass());
            assertEquals("io.github.camelkeboola.component", origin.getSymbolicName());
        } finally {
            camel.stop();
        }
    }
}
