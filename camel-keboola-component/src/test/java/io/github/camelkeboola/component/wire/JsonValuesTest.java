package io.github.camelkeboola.component.wire;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JsonValuesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void idsAreNumbersOrDigitStrings() throws Exception {
        assertThat(JsonValues.id(JSON.readTree("234"))).isEqualTo(234L);
        assertThat(JsonValues.id(JSON.readTree("\"234\""))).isEqualTo(234L);
        assertThat(JsonValues.idOf(JSON.readTree("{\"id\":\"9007199254740993\"}"))).isEqualTo(9007199254740993L);
        assertThat(JsonValues.id(JSON.readTree("\"abc\""))).isNull();
        assertThat(JsonValues.id(JSON.readTree("null"))).isNull();
        assertThat(JsonValues.id(JSON.readTree("1.5"))).isNull();
        assertThat(JsonValues.idOf(JSON.readTree("[]"))).isNull();
        assertThat(JsonValues.idOf(null)).isNull();
    }

    @Test
    void booleansInEveryFormTheApiSends() throws Exception {
        for (String yes : new String[] {"true", "1", "\"1\"", "\"true\"", "\"TRUE\""}) {
            assertThat(JsonValues.isTrue(JSON.readTree(yes))).as(yes).isTrue();
        }
        for (String no : new String[] {"false", "0", "\"0\"", "\"false\"", "\"\"", "null", "{}"}) {
            assertThat(JsonValues.isTrue(JSON.readTree(no))).as(no).isFalse();
        }
        assertThat(JsonValues.isTrue(JSON.readTree("{}").path("missing"))).isFalse();
    }
}
