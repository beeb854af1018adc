package io.github.camelkeboola.component.transfer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.github.camelkeboola.component.CapturedLog;
import io.github.camelkeboola.component.KeboolaException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * File layouts a contract-following server may use that differ from our emulator: an Azure BlobEndpoint without the
 * account in its path, S3 and GCS served under a path prefix of the server's own port, a plain (non-gzip) slice and
 * {@code "mandatory": true} entries. A bare object server stands in for the storage.
 */
class ContractLayoutsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SLICE0 = "\"1\",\"a\"\n\"2\",\"b\"\n";
    private static final String SLICE1 = "\"3\",\"c\"\n";

    private final Map<String, byte[]> objects = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private String origin;
    private FileTransfer transfer;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getRawPath();
            requests.add(exchange.getRequestMethod() + " " + path);
            byte[] body = exchange.getRequestBody().readAllBytes();
            if ("PUT".equals(exchange.getRequestMethod()) || "POST".equals(exchange.getRequestMethod())) {
                objects.put(path, body);
                exchange.sendResponseHeaders(200, -1);
            } else if (objects.containsKey(path)) {
                byte[] object = objects.get(path);
                exchange.sendResponseHeaders(200, object.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(object);
                }
            } else {
                exchange.sendResponseHeaders(404, -1);
            }
            exchange.close();
        });
        server.start();
        origin = "http://127.0.0.1:" + server.getAddress().getPort();
        transfer = FileTransfer.create(S3FileTransferTest.config(S3Store.MIN_PART_SIZE, 2));
    }

    @AfterEach
    void stop() {
        transfer.close();
        server.stop(0);
    }

    private void putSlices(String pathPrefix, String entryPrefix) {
        objects.put(pathPrefix + "0000_part_00", TestData.gzip(SLICE0));
        objects.put(pathPrefix + "0001_part_00", SLICE1.getBytes(StandardCharsets.UTF_8)); // gzip=false slices are plain
        objects.put(pathPrefix + "manifest", ("{\"entries\":[{\"url\":\"" + entryPrefix + "0000_part_00\",\"mandatory\":true},"
                + "{\"url\":\"" + entryPrefix + "0001_part_00\",\"mandatory\":true}]}").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void azureEntriesNameTheAccountWhateverTheBlobEndpointIs() {
        putSlices("/exp-2-files/exp/502.csv", "azure://kbcfsacct.blob.core.windows.net/exp-2-files/exp/502.csv");

        String content = TestData.read(transfer.openContent(azureDetail(502, "exp/502.csv")));

        assertThat(content).isEqualTo(SLICE0 + SLICE1);
        assertThat(requests).contains("GET /exp-2-files/exp/502.csv0000_part_00", "GET /exp-2-files/exp/502.csv0001_part_00");
    }

    @Test
    void azureEntryOfAnotherContainerOrNameIsRejected() {
        putSlices("/exp-2-files/exp/503.csv", "azure://kbcfsacct.blob.core.windows.net/other/exp/503.csv");
        assertThatThrownBy(() -> transfer.openContent(azureDetail(503, "exp/503.csv")))
                .isInstanceOf(KeboolaException.class).hasMessageContaining("outside the file");

        putSlices("/exp-2-files/exp/504.csv", "azure://kbcfsacct.blob.core.windows.net/exp-2-files/exp/999.csv");
        assertThatThrownBy(() -> transfer.openContent(azureDetail(504, "exp/504.csv")))
                .isInstanceOf(KeboolaException.class).hasMessageContaining("outside the file");
        assertThat(requests).noneMatch(r -> r.contains("_part_"));
    }

    @Test
    void s3UnderAPathPrefixOfTheServerIsAddressedThere() {
        putSlices("/s3/kbc-sapi-files/exp-2/77.csv", "s3://kbc-sapi-files/exp-2/77.csv");
        ObjectNode detail = JSON.createObjectNode();
        detail.put("id", 77).put("provider", "aws").put("region", "us-east-1").put("isSliced", true)
                .put("url", origin + "/s3/kbc-sapi-files/exp-2/77.csvmanifest?X-Amz-Expires=3600&X-Amz-Signature=PRESIGNED000&extra=1");
        detail.putObject("s3Path").put("bucket", "kbc-sapi-files").put("key", "exp-2/77.csv");
        s3Credentials(detail.putObject("credentials"));

        assertThat(TestData.read(transfer.openContent(detail))).isEqualTo(SLICE0 + SLICE1);
        assertThat(requests).contains("GET /s3/kbc-sapi-files/exp-2/77.csv0000_part_00", "GET /s3/kbc-sapi-files/exp-2/77.csv0001_part_00");

        ObjectNode prepared = JSON.createObjectNode();
        prepared.put("id", 501).put("provider", "aws").put("region", "us-east-1")
                .put("url", origin + "/s3/kbc-sapi-files/files/501.t.csv.gz?X-Amz-Signature=PRESIGNED000");
        ObjectNode params = prepared.putObject("uploadParams").put("bucket", "kbc-sapi-files").put("key", "files/501.t.csv.gz");
        s3Credentials(params.putObject("credentials"));

        transfer.uploadGzipped(prepared, TestData.stream(SLICE0));

        assertThat(TestData.gunzip(objects.get("/s3/kbc-sapi-files/files/501.t.csv.gz"))).isEqualTo(SLICE0);
    }

    @Test
    void gcsUnderAPathPrefixOfTheServerIsAddressedThere() {
        String api = "/gcs/storage/v1/b/kbc-gcs-files/o/";
        objects.put(api + "exp%2F78.csv0000_part_00", TestData.gzip(SLICE0));
        objects.put(api + "exp%2F78.csv0001_part_00", SLICE1.getBytes(StandardCharsets.UTF_8));
        objects.put(api + "exp%2F78.csvmanifest", ("{\"entries\":[{\"url\":\"gs://kbc-gcs-files/exp/78.csv0000_part_00\"},"
                + "{\"url\":\"gs://kbc-gcs-files/exp/78.csv0001_part_00\"}]}").getBytes(StandardCharsets.UTF_8));
        ObjectNode detail = JSON.createObjectNode();
        detail.put("id", 78).put("provider", "gcp").put("isSliced", "1")
                .put("url", origin + "/gcs/kbc-gcs-files/exp/78.csvmanifest?X-Goog-Signature=abc");
        detail.putObject("gcsPath").put("bucket", "kbc-gcs-files").put("key", "exp/78.csv");
        detail.putObject("gcsCredentials").put("access_token", "ya29.BEARER456").put("token_type", "Bearer");

        assertThat(TestData.read(transfer.openContent(detail))).isEqualTo(SLICE0 + SLICE1);
    }

    @Test
    void fileStorageCredentialsReachNoLogWithEveryLoggerAtDebug() {
        try (CapturedLog log = CapturedLog.at(org.apache.logging.log4j.Level.DEBUG)) {
            s3UnderAPathPrefixOfTheServerIsAddressedThere();
            gcsUnderAPathPrefixOfTheServerIsAddressedThere();
            azureEntriesNameTheAccountWhateverTheBlobEndpointIs();

            assertThat(log.text()).contains("org.apache.hc.client5.http.headers", "Authorization: xxxxxx");
            // credentials in headers and in queries (SAS and presigned signatures): HttpClient's MainClientExec logs
            // request lines at DEBUG, with their query values masked
            assertThat(log.text()).contains("org.apache.hc.client5.http.impl.classic.MainClientExec", "=xxxxxx");
            assertThat(log.lines()).noneMatch(line -> line.contains("SESSIONTOKEN123") || line.contains("BEARER456")
                                                      || line.contains("SIGVALUE789") || line.contains("PRESIGNED000"));
        }
    }

    private static void s3Credentials(ObjectNode credentials) {
        credentials.put("AccessKeyId", "ASIAKEY").put("SecretAccessKey", "secret").put("SessionToken", "SESSIONTOKEN123");
    }

    private ObjectNode azureDetail(long id, String name) {
        ObjectNode file = JSON.createObjectNode();
        file.put("id", id).put("provider", "azure").put("isSliced", true)
                .put("url", origin + "/exp-2-files/" + name + "manifest?sv=2021&sig=SIGVALUE789");
        file.putObject("absPath").put("container", "exp-2-files").put("name", name);
        file.putObject("absCredentials").put("SASConnectionString", "BlobEndpoint=" + origin + ";SharedAccessSignature=sv=2021&sig=SIGVALUE789");
        return file;
    }
}
