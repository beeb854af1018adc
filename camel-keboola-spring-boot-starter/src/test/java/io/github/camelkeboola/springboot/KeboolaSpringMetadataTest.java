package io.github.camelkeboola.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelkeboola.springboot.KeboolaCatalog.Option;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * The Spring configuration metadata the IDE completes from (written by spring-boot-configuration-processor)
 * describes every option that keboola.json lists, with its default and allowed values.
 */
class KeboolaSpringMetadataTest {

    /** This module's metadata; other jars (camel-spring-boot) have a file of the same name. */
    private static final JsonNode METADATA = KeboolaCatalog.readFirst("META-INF/spring-configuration-metadata.json",
            json -> json.path("groups").findValuesAsText("type").contains(KeboolaComponentConfiguration.class.getName()));

    @Test
    void everyComponentOptionIsADescribedPropertyWithItsDefault() {
        Map<String, JsonNode> properties = new HashMap<>();
        METADATA.path("properties").forEach(p -> properties.put(p.path("name").asText(), p));
        SoftAssertions softly = new SoftAssertions();
        for (Option option : KeboolaCatalog.componentOptions()) {
            JsonNode property = properties.get(option.property());
            softly.assertThat(property).as(option.property()).isNotNull();
            if (property == null) {
                continue;
            }
            softly.assertThat(property.path("description").asText()).as(option.property() + " description")
                    .startsWith(option.json().path("description").asText().strip());
            softly.assertThat(property.path("sourceType").asText()).as(option.property() + " source")
                    .isEqualTo(KeboolaComponentConfiguration.class.getName());
            if (option.defaultValue() != null) {
                softly.assertThat(property.path("defaultValue").asText()).as(option.property() + " default")
                        .isEqualTo(option.defaultValue().asText());
            }
            if (option.type().equals("duration")) {
                softly.assertThat(property.path("type").asText()).as(option.property() + " type")
                        .isEqualTo("java.time.Duration");
            }
        }
        softly.assertThat(properties).containsKeys(KeboolaCatalog.PREFIX + "enabled",
                KeboolaCatalog.PREFIX + "customizer.enabled");
        softly.assertAll();
    }

    @Test
    void enumOptionsListTheirValues() {
        Map<String, Set<String>> hints = new HashMap<>();
        METADATA.path("hints").forEach(h -> {
            Set<String> values = new HashSet<>();
            h.path("values").forEach(v -> values.add(v.path("value").asText()));
            hints.put(h.path("name").asText(), values);
        });
        for (Option option : KeboolaCatalog.componentOptions()) {
            if (option.type().equals("enum")) {
                assertThat(hints.get(option.property())).as(option.property())
                        .containsExactlyInAnyOrderElementsOf(option.enumValues());
            }
        }
    }
}
