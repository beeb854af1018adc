package io.github.camelkeboola.karaf;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The features file this module attaches: valid against Karaf's schema, on top of camel-karaf's repository, naming
 * only artifacts that exist, in the versions Maven resolves for the component.
 */
class FeaturesXmlTest {

    static final String FEATURES_NS = "http://karaf.apache.org/xmlns/features/v1.6.0";

    private static Path features;
    private static Document document;

    @BeforeAll
    static void parse() throws Exception {
        features = Path.of(System.getProperty("features.file"));
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        document = factory.newDocumentBuilder().parse(features.toFile());
    }

    @Test
    void isValidAgainstKarafsFeaturesSchema() throws Exception {
        SchemaFactory schemas = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        var xsd = getClass().getClassLoader().getResource("org/apache/karaf/features/karaf-features-1.6.0.xsd");
        assertThat(xsd).as("Karaf's features schema on the test classpath").isNotNull();

        schemas.newSchema(xsd).newValidator().validate(new StreamSource(features.toFile()));

        assertThat(document.getDocumentElement().getNamespaceURI()).isEqualTo(FEATURES_NS);
        assertThat(Files.readString(features)).doesNotContain("${");
    }

    @Test
    void providesCamelKeboolaOnCamelKarafsCoreAndJacksonFeatures() throws Exception {
        Element feature = feature(document, "camel-keboola");
        assertThat(feature.getAttribute("version")).isEqualTo(System.getProperty("project.version", feature.getAttribute("version")));

        String repository = text(document.getElementsByTagNameNS(FEATURES_NS, "repository")).get(0);
        assertThat(repository).isEqualTo("mvn:org.apache.camel.karaf/apache-camel/4.14.5/xml/features");
        Document camelKaraf = DocumentBuilderFactory.newNSInstance().newDocumentBuilder().parse(
                repositoryFile(repository).toFile());

        NodeList dependencies = feature.getElementsByTagNameNS(FEATURES_NS, "feature");
        assertThat(dependencies.getLength()).isEqualTo(2);
        for (int i = 0; i < dependencies.getLength(); i++) {
            Element dependency = (Element) dependencies.item(i);
            String name = dependency.getTextContent().trim();
            Element provided = feature(camelKaraf, name);
            assertThat(inRange(provided.getAttribute("version"), dependency.getAttribute("version")))
                    .as("camel-karaf's %s %s in %s", name, provided.getAttribute("version"), dependency.getAttribute("version"))
                    .isTrue();
        }
    }

    @Test
    void namesOnlyBundlesThatResolveInTheVersionsTheComponentUses() {
        List<String> bundles = text(feature(document, "camel-keboola").getElementsByTagNameNS(FEATURES_NS, "bundle"));
        assertThat(bundles).hasSize(7);
        for (String bundle : bundles) {
            BundleUrl url = BundleUrl.parse(bundle);
            if (url.artifactId().equals(TestClasspath.COMPONENT)) {
                assertThat(bundle).isEqualTo("mvn:io.github.camelkeboola/camel-keboola-component/"
                                             + feature(document, "camel-keboola").getAttribute("version"));
                continue;
            }
            // the component's runtime dependencies are on this test classpath as Maven resolved them
            assertThat(TestClasspath.jar(url.groupId(), url.artifactId(), url.version()))
                    .as("%s resolved by Maven for the component", bundle).isPresent();
        }
        // HttpClient 5 has no OSGi headers: wrapped, as camel-karaf's http-client feature does
        assertThat(bundles.stream().filter(b -> b.contains("org.apache.httpcomponents")))
                .hasSize(3).allMatch(b -> b.startsWith("wrap:mvn:") && b.contains("Bundle-SymbolicName=wrap_")
                                   && b.contains("Export-Package=*;version="));
    }

    /** The bundle URLs of a feature of this module's features file. */
    static List<String> bundles(String name) throws Exception {
        Document doc = DocumentBuilderFactory.newNSInstance().newDocumentBuilder()
                .parse(Path.of(System.getProperty("features.file")).toFile());
        return text(feature(doc, name).getElementsByTagNameNS(FEATURES_NS, "bundle"));
    }

    private static Path repositoryFile(String repository) {
        BundleUrl url = BundleUrl.parse(repository);
        // org.apache.camel.karaf:apache-camel:xml:features is a test dependency: Maven has resolved it
        Path dir = Path.of(System.getProperty("maven.repo.local"), url.groupId().replace('.', '/'), url.artifactId(),
                url.version());
        Path file = dir.resolve(url.artifactId() + "-" + url.version() + "-" + url.classifier() + "." + url.type());
        assertThat(file).exists();
        return file;
    }

    static Element feature(Document doc, String name) {
        NodeList features = doc.getDocumentElement().getElementsByTagNameNS(FEATURES_NS, "feature");
        for (int i = 0; i < features.getLength(); i++) {
            Element feature = (Element) features.item(i);
            if (feature.getParentNode() == doc.getDocumentElement() && name.equals(feature.getAttribute("name"))) {
                return feature;
            }
        }
        throw new AssertionError("no feature " + name);
    }

    static List<String> text(NodeList nodes) {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            texts.add(nodes.item(i).getTextContent().trim());
        }
        return texts;
    }

    /** {@code version} in an OSGi range {@code [a,b)}. */
    private static boolean inRange(String version, String range) {
        String[] bounds = range.substring(1, range.length() - 1).split(",");
        return compare(version, bounds[0]) >= 0 && compare(version, bounds[1]) < 0;
    }

    private static int compare(String a, String b) {
        String[] x = a.split("\\."), y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int d = Integer.compare(i < x.length ? Integer.parseInt(x[i]) : 0, i < y.length ? Integer.parseInt(y[i]) : 0);
            if (d != 0) {
                return d;
            }
        }
        return 0;
    }
}
