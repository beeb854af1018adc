package io.github.camelkeboola.kamelets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.URL;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped Kamelets pass the rules of camel-kamelets' own validator (see {@link KameletRules}). */
class KameletCatalogRulesTest {

    private static final String VERSION = Objects.requireNonNull(System.getProperty("project.version"),
            "the build passes project.version");
    private static final String COMPONENT = "mvn:io.github.camelkeboola:camel-keboola-component:" + VERSION;

    private static KameletRules.Dependencies dependencies;

    @BeforeAll
    static void knownDependencies() throws Exception {
        Set<String> keboolaOptions = new HashSet<>();
        try (InputStream in = KameletCatalogRulesTest.class.getResourceAsStream(
                "/META-INF/io/github/camelkeboola/component/keboola.json")) {
            JsonNode catalog = new ObjectMapper().readTree(Objects.requireNonNull(in, "keboola.json"));
            catalog.path("properties").fieldNames().forEachRemaining(keboolaOptions::add);
        }
        dependencies = new KameletRules.Dependencies(
                Map.of("kamelet", "camel:kamelet", "keboola", COMPONENT),
                Map.of("json", "camel:jackson"),
                scheme -> scheme.equals("keboola") ? keboolaOptions : null);
    }

    @Test
    void theShippedKameletsFollowTheRules() throws Exception {
        List<KameletRules.Kamelet> kamelets = KameletRules.load(directory("/kamelets"));

        assertThat(kamelets).extracting(KameletRules.Kamelet::name).containsExactly("keboola-sink", "keboola-source");
        assertThat(KameletRules.check(kamelets, VERSION, dependencies)).isEmpty();
    }

    @Test
    void theTokenIsACredential() throws Exception {
        for (KameletRules.Kamelet kamelet : KameletRules.load(directory("/kamelets"))) {
            @SuppressWarnings("unchecked")
            Map<String, Object> token = (Map<String, Object>) kamelet.properties().get("token");
            assertThat(token).as(kamelet.name())
                    .containsEntry("format", "password")
                    .containsEntry("x-descriptors", List.of(KameletRules.CREDENTIALS_DESCRIPTOR));
            assertThat(kamelet.definition().get("required")).as(kamelet.name()).asList().contains("token");
        }
    }

    @Test
    void theRulesReportWhatIsWrong() throws Exception {
        List<KameletRules.Kamelet> broken = KameletRules.load(directory("/rule-violations"));

        assertThat(KameletRules.check(broken, VERSION, dependencies)).containsExactlyInAnyOrder(
                "file keboola-broken-sink.kamelet.yaml does not match the name of its Kamelet keboola-broken",
                "the name of Kamelet keboola-broken does not end with -sink",
                "the title of Kamelet keboola-broken (Keboola Broken) does not end with its type",
                "required property tableId is listed twice in Kamelet keboola-broken",
                "required property bucket of Kamelet keboola-broken is not defined",
                "property tableId of Kamelet keboola-broken has a word in its title that is not capitalized: table",
                "property tableId of Kamelet keboola-broken has a word in its title that is not capitalized: id",
                "property unused of Kamelet keboola-broken has no description",
                "property token of Kamelet keboola-broken has the password format but not the "
                + KameletRules.CREDENTIALS_DESCRIPTOR + " descriptor",
                "Kamelet keboola-broken has no camel.apache.org/kamelet.icon annotation (a data: URI)",
                "the camel.apache.org/catalog.version annotation of Kamelet keboola-broken is not " + VERSION + ": 0.0.1",
                "Kamelet keboola-broken has no camel.apache.org/provider annotation",
                "Kamelet keboola-broken sets primaryKeys, which is not an option of keboola:",
                "Kamelet keboola-broken needs the dependency camel:kamelet",
                "Kamelet keboola-broken needs the dependency " + COMPONENT,
                "parameter primaryKey is not declared in the definition of Kamelet keboola-broken",
                "parameter unused is declared in Kamelet keboola-broken but never used");
    }

    private static Path directory(String resource) throws Exception {
        URL url = Objects.requireNonNull(KameletCatalogRulesTest.class.getResource(resource), resource);
        return Path.of(url.toURI());
    }
}
