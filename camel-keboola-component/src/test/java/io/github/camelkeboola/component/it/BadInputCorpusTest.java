package io.github.camelkeboola.component.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelkeboola.component.EmulatorComponents;
import io.github.camelkeboola.component.KeboolaComponent;
import io.github.camelkeboola.component.KeboolaConstants;
import io.github.camelkeboola.component.KeboolaException;
import io.github.camelkeboola.emulator.junit.KeboolaEmulatorExtension;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bad-input corpus of the guide ("Bad input"), through routes against the emulator: each input either loads as
 * Storage takes it, or fails with a {@link KeboolaException} naming what is wrong before anything is uploaded, and
 * never leaves part of a table.
 */
class BadInputCorpusTest extends CamelTestSupport {

    @RegisterExtension
    static final KeboolaEmulatorExtension KEBOOLA = KeboolaEmulatorExtension.provider("aws");

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        KeboolaComponent keboola = EmulatorComponents.pointedAt(KEBOOLA.emulator());
        keboola.getConfiguration().setJobPollMaxInterval(100);
        context.addComponent("keboola", keboola);
        return context;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:keboola").toD("keboola:${header.table}?${header.options}");
            }
        };
    }

    private Exchange send(String table, String options, Object body, Map<String, Object> headers) {
        return template.request("direct:keboola", e -> {
            e.getIn().setHeader("table", table);
            e.getIn().setHeader("options", options);
            e.getIn().getHeaders().putAll(headers);
            e.getIn().setBody(body);
        });
    }

    private Map<?, ?> imported(String table, Object body) {
        Exchange exchange = send(table, "", body, Map.of());
        assertThat(exchange.getException()).as("import into " + table).isNull();
        return exchange.getMessage().getBody(Map.class);
    }

    private String exported(String table, String options) {
        Exchange exchange = send(table, "operation=exportTable" + options, null, Map.of());
        assertThat(exchange.getException()).isNull();
        return exchange.getMessage().getBody(String.class);
    }

    /** Fails with a KeboolaException naming {@code named}, the table untouched and no file prepared when {@code noFile}. */
    private KeboolaException refused(String table, Object body, String code, String named, boolean noFile) throws Exception {
        int files = files();
        Exchange exchange = send(table, "", body, Map.of());
        assertThat(exchange.getException()).isInstanceOf(KeboolaException.class);
        KeboolaException e = (KeboolaException) exchange.getException();
        assertThat(e.getMessage()).contains(named);
        assertThat(e.getErrorCode()).isEqualTo(code);
        assertThat(e.getTableId()).isEqualTo(table);
        assertThat(tableExists(table)).as("no table, not even part of one").isFalse();
        if (noFile) {
            assertThat(files()).as("nothing prepared or uploaded").isEqualTo(files);
        }
        return e;
    }

    private int files() throws Exception {
        return get("files?limit=1000").size();
    }

    private boolean tableExists(String table) throws Exception {
        HttpResponse<String> response = http.send(request("tables/" + table), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200;
    }

    private JsonNode get(String path) throws Exception {
        return JSON.readTree(http.send(request(path), HttpResponse.BodyHandlers.ofString()).body());
    }

    private HttpRequest request(String path) {
        return HttpRequest.newBuilder(URI.create(KEBOOLA.emulator().baseUrl() + "/v2/storage/" + path))
                .header("X-StorageApi-Token", KEBOOLA.emulator().token()).build();
    }

    private static List<String> dataLines(String csv) {
        List<String> lines = Arrays.asList(csv.split("\n"));
        return lines.subList(1, lines.size()).stream().sorted().toList();
    }

    @Test
    void emptyBodyFailsBeforeAnythingIsSent() throws Exception {
        refused("in.c-corpus.empty", "", "emptyFile", "empty body", true);
        refused("in.c-corpus.emptybom", new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, "emptyFile", "empty body", true);
    }

    @Test
    void headerOnlyCreatesAnEmptyTable() throws Exception {
        Map<?, ?> results = imported("in.c-corpus.headeronly", "id,name\n");

        assertThat(results.get("totalRowsCount")).isEqualTo(0L);
        assertThat(get("tables/in.c-corpus.headeronly").path("columns").toString()).isEqualTo("[\"id\",\"name\"]");
    }

    @Test
    void byteOrderMarkIsDropped() throws Exception {
        imported("in.c-corpus.bom", "\uFEFFid,name\n1,a\n");

        assertThat(get("tables/in.c-corpus.bom").path("columns").toString()).isEqualTo("[\"id\",\"name\"]");
    }

    @Test
    void crlfAndLfMixedLoadAsRows() {
        imported("in.c-corpus.lineends", "id,name\r\n1,a\n2,b\r\n3,c");

        assertThat(dataLines(exported("in.c-corpus.lineends", ""))).containsExactly("\"1\",\"a\"", "\"2\",\"b\"", "\"3\",\"c\"");
    }

    @Test
    void embeddedNewlinesQuotesAndDelimitersSurvive() {
        imported("in.c-corpus.embedded", "id,text\n1,\"line\nbreak, \"\"quoted\"\"\"\n2,\"a,b\"\n");

        assertThat(exported("in.c-corpus.embedded", "&columns=text"))
                .contains("\"line\nbreak, \"\"quoted\"\"\"", "\"a,b\"");
    }

    @Test
    void raggedRowsFailNamingTheRow() throws Exception {
        KeboolaException more = refused("in.c-corpus.raggedmore", "id,name\n1,a\n2,b,extra\n", "csvImport.columnsNotMatch", "Row 3", false);
        assertThat(more.getMessage()).contains("3 values", "header has 2");
        refused("in.c-corpus.raggedfewer", "id,name\n1,a\n2\n", "csvImport.columnsNotMatch", "Row 3", false);
        refused("in.c-corpus.unclosed", "id,name\n1,\"a\n", "invalidCsv", "never closes", false);
    }

    @Test
    void raggedRowIntoAnExistingTableLeavesItAsItWas() throws Exception {
        imported("in.c-corpus.existing", "id,name\n1,a\n");
        Exchange exchange = send("in.c-corpus.existing", "", "id,name\n2,b\n3\n", Map.of());

        assertThat(exchange.getException()).isInstanceOf(KeboolaException.class).hasMessageContaining("Row 3");
        assertThat(dataLines(exported("in.c-corpus.existing", ""))).containsExactly("\"1\",\"a\"");
    }

    @Test
    void duplicateEmptyOrInvalidColumnNamesFailBeforeAnythingIsSent() throws Exception {
        refused("in.c-corpus.duplicate", "id,ID\n1,2\n", "storage.tables.validation.duplicateColumn", "Duplicate column \"ID\"", true);
        refused("in.c-corpus.nameless", "id,,x\n1,2,3\n", "storage.tables.validation.invalidColumnName", "Column 2", true);
        refused("in.c-corpus.badname", "id,na me\n1,2\n", "storage.tables.validation.invalidColumnName", "\"na me\"", true);
        refused("in.c-corpus.underscore", "id,_x\n1,2\n", "storage.tables.validation.invalidColumnName", "\"_x\"", true);
    }

    @Test
    void bytesThatAreNotUtf8FailNamingTheRow() throws Exception {
        byte[] latin1 = "id,name\n1,caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        refused("in.c-corpus.latin1", latin1, "invalidCsv", "Row 2 of the CSV is not UTF-8", false);
    }

    @Test
    void aHundredMegabyteValueStreams() {
        long size = 100L * 1024 * 1024;
        InputStream body = new InputStream() {
            private final byte[] head = "id,blob\n1,".getBytes(StandardCharsets.US_ASCII);
            private long position;

            @Override
            public int read() {
                long total = head.length + size + 1;
                if (position >= total) {
                    return -1;
                }
                long p = position++;
                return p < head.length ? head[(int) p] : p < head.length + size ? 'x' : '\n';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                int n = 0;
                for (int c; n < len && (c = read()) >= 0; n++) {
                    b[off + n] = (byte) c;
                }
                return n == 0 && len > 0 ? -1 : n;
            }
        };

        Map<?, ?> results = imported("in.c-corpus.hugevalue", body);

        assertThat(results.get("totalRowsCount")).isEqualTo(1L);
        Exchange exchange = send("in.c-corpus.hugevalue", "operation=exportTable&columns=blob", null, Map.of());
        long length = 0;
        try (InputStream csv = exchange.getMessage().getBody(InputStream.class)) {
            for (long n; (n = csv.skip(1 << 20)) > 0; ) {
                length += n;
            }
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        // "blob"\n then the quoted value and its newline
        assertThat(length).isEqualTo("\"blob\"\n".length() + size + 3);
    }

    @Test
    void fiveThousandColumnsLoad() throws Exception {
        String header = IntStream.rangeClosed(1, 5000).mapToObj(i -> "c" + i).collect(Collectors.joining(","));
        String row = IntStream.rangeClosed(1, 5000).mapToObj(Integer::toString).collect(Collectors.joining(","));

        Map<?, ?> results = imported("in.c-corpus.wide", header + "\n" + row + "\n" + row + "\n");

        assertThat(results.get("totalRowsCount")).isEqualTo(2L);
        assertThat(get("tables/in.c-corpus.wide").path("columns").size()).isEqualTo(5000);
    }

    @Test
    void invalidTableOrBucketIdsFailBeforeAnythingIsSent() throws Exception {
        int files = files();
        for (String table : List.of("in.c-corpus.na me", "sys.c-corpus.t", "in.corpus.t", "in.c-corpus.a.b", "in.c-corpus." + "t".repeat(97))) {
            Exchange exchange = send(table, "", "id\n1\n", Map.of());
            assertThat(exchange.getException()).as(table).isInstanceOf(KeboolaException.class).hasMessageContaining(table);
            assertThat(((KeboolaException) exchange.getException()).getErrorCode()).isEqualTo("storage.tables.validation.invalidName");
        }
        assertThat(files()).isEqualTo(files);
        assertThat(get("buckets").toString()).doesNotContain("c-corpus\"", "\"in.corpus\"");

        // reading: the API's answer, with its code
        Exchange missingBucket = send("in.c-nosuchbucket", "operation=listTables", null, Map.of());
        assertThat(((KeboolaException) missingBucket.getException()).getErrorCode()).isEqualTo("storage.buckets.notFound");
        assertThat(((KeboolaException) missingBucket.getException()).getHttpResponseCode()).isEqualTo(404);
    }

    @Test
    void unknownExportColumnsAreTheApisValidationError() {
        imported("in.c-corpus.cols", "id,name\n1,a\n");

        Exchange exchange = send("in.c-corpus.cols", "operation=exportTable&columns=id,nope", null, Map.of());

        assertThat(exchange.getException()).isInstanceOfSatisfying(KeboolaException.class, e -> {
            assertThat(e.getHttpResponseCode()).isEqualTo(400);
            assertThat(e.getErrorCode()).isEqualTo("storage.tables.validation.columnNotExists");
            assertThat(e.getTableId()).isEqualTo("in.c-corpus.cols");
        });
    }

    @Test
    void changedSinceThatDoesNotParseFailsBeforeAnyCall() {
        Exchange header = send("in.c-corpus.cols", "operation=exportTable", null, Map.of(KeboolaConstants.OVERRIDE_CHANGED_SINCE, "next tuesday"));
        assertThat(header.getException()).isInstanceOf(KeboolaException.class).hasMessageContaining("Invalid changedSince");

        Exchange option = send("in.c-corpus.cols", "operation=exportTable&changedSince=RAW(next tuesday)", null, Map.of());
        assertThat(option.getException()).hasStackTraceContaining("Invalid changedSince 'next tuesday'");
    }

    @Test
    void limitAboveThePreviewMaximumFailsBeforeAnyCall() {
        Exchange exchange = send("in.c-corpus.cols", "operation=previewTable&limit=1001", null, Map.of());

        assertThat(exchange.getException()).isInstanceOf(KeboolaException.class).hasMessageContaining("limit=1001");
    }

    @Test
    void aHeaderThatDisagreesWithTheOptionWins() {
        imported("in.c-corpus.override", "id,name\n1,a\n");

        Exchange incremental = send("in.c-corpus.override", "incremental=false", "id,name\n2,b\n",
                Map.of(KeboolaConstants.INCREMENTAL, true));
        assertThat(incremental.getException()).isNull();
        assertThat(dataLines(exported("in.c-corpus.override", ""))).containsExactly("\"1\",\"a\"", "\"2\",\"b\"");

        Map<String, Object> columns = new HashMap<>();
        columns.put(KeboolaConstants.COLUMNS, "name");
        Exchange export = send("in.c-corpus.override", "operation=exportTable&columns=id", null, columns);
        assertThat(export.getMessage().getBody(String.class)).startsWith("\"name\"\n");
    }
}
