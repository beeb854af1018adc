package io.github.camelkeboola.component.transfer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Assumptions;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.awaitility.Awaitility.await;

/**
 * Azurite (Microsoft's Azure Storage emulator, npm package {@code azurite}) serving Blob REST on a random loopback
 * port. Tests using it are skipped when it is not installed. It is looked up, in order, at {@code $AZURITE_BLOB},
 * at {@code .ci/work/node_modules/.bin/azurite-blob} of the repository (installed by
 * {@code npm install --prefix .ci/work azurite}), and as {@code azurite-blob} on the PATH.
 */
final class AzuriteServer implements AutoCloseable {

    static final String ACCOUNT = "devstoreaccount1";
    /** The publicly documented key of Azurite's development account. */
    static final String ACCOUNT_KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    static final String SAS_VERSION = "2020-12-06";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final int port;

    private AzuriteServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts Azurite, or skips the calling test (JUnit assumption) when it is not installed. */
    static AzuriteServer startOrSkip(Path location) throws IOException {
        List<String> command = new ArrayList<>(List.of(executableOrSkip()));
        int port = freePort();
        command.addAll(List.of("--blobHost", "127.0.0.1", "--blobPort", String.valueOf(port), "--location", location.toString(),
                "--skipApiVersionCheck", "--loose", "--silent", "--disableTelemetry"));
        Files.createDirectories(location);
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(location.resolve("azurite.log").toFile()).start();
        AzuriteServer server = new AzuriteServer(process, port);
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("Azurite exited: " + Files.readString(location.resolve("azurite.log")));
                }
                try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
                    return true;
                } catch (IOException e) {
                    return false;
                }
            });
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    private static String executableOrSkip() {
        String fromEnv = System.getenv("AZURITE_BLOB");
        if (fromEnv != null && Files.isExecutable(Path.of(fromEnv))) {
            return fromEnv;
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(".ci/work/node_modules/.bin/azurite-blob");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        for (String entry : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(entry, "azurite-blob");
            if (!entry.isEmpty() && Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        Assumptions.abort("Azurite is not installed: run `npm install --prefix .ci/work azurite` in the repository root"
                + " (or set AZURITE_BLOB to an azurite-blob executable) to run the Azure Blob transfer tests");
        throw new IllegalStateException("unreachable");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** An account SAS for the blob service signed with the development key, or with {@code key} when given. */
    static String accountSas(String key) {
        String permissions = "rwdlac";
        String expiry = "2099-01-01T00:00:00Z";
        String toSign = String.join("\n", ACCOUNT, permissions, "b", "sco", "", expiry, "", "", SAS_VERSION, "", "");
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(key), "HmacSHA256"));
            String signature = Base64.getEncoder().encodeToString(mac.doFinal(toSign.getBytes(StandardCharsets.UTF_8)));
            return "sv=" + SAS_VERSION + "&ss=b&srt=sco&sp=" + permissions + "&se=" + Urls.encode(expiry) + "&sig=" + Urls.encode(signature);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    void createContainer(String container) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(endpoint() + "/" + ACCOUNT + "/" + container
                + "?restype=container&" + accountSas(ACCOUNT_KEY))).PUT(HttpRequest.BodyPublishers.noBody()));
        if (response.statusCode() != 201) {
            throw new IllegalStateException("create container: " + response.statusCode() + " " + response.body());
        }
    }

    void putBlob(String container, String name, byte[] content) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(endpoint() + "/" + ACCOUNT + "/" + container + "/"
                + Urls.encodePath(name) + "?" + accountSas(ACCOUNT_KEY))).header("x-ms-blob-type", "BlockBlob")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(content)));
        if (response.statusCode() != 201) {
            throw new IllegalStateException("put blob: " + response.statusCode() + " " + response.body());
        }
    }

    byte[] getBlob(String container, String name) throws Exception {
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(endpoint() + "/" + ACCOUNT + "/"
                + container + "/" + Urls.encodePath(name) + "?" + accountSas(ACCOUNT_KEY))).header("x-ms-version", AzureBlobStore.API_VERSION)
                .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("get blob: " + response.statusCode());
        }
        return response.body();
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HttpClient.newHttpClient().send(request.header("x-ms-version", AzureBlobStore.API_VERSION).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A {@code files/prepare} answer (azure) whose blob endpoint is {@code storageEndpoint}. */
    static ObjectNode prepared(long id, String container, String blobName, String storageEndpoint, String sas) {
        ObjectNode file = JSON.createObjectNode();
        file.put("id", id).put("provider", "azure").put("isSliced", false)
                .put("url", storageEndpoint + "/" + ACCOUNT + "/" + container + "/" + blobName + "?" + sas);
        ObjectNode params = file.putObject("absUploadParams");
        params.put("blobName", blobName).put("accountName", ACCOUNT).put("container", container);
        params.putObject("absCredentials").put("SASConnectionString", connectionString(storageEndpoint, sas))
                .put("expiration", "2099-01-01T00:00:00+0000");
        return file;
    }

    /** A file detail with {@code federationToken=1} (azure). */
    static ObjectNode detail(long id, String container, String name, boolean sliced, String storageEndpoint) {
        ObjectNode file = JSON.createObjectNode();
        String sas = accountSas(ACCOUNT_KEY);
        file.put("id", id).put("provider", "azure").put("isSliced", sliced)
                .put("url", storageEndpoint + "/" + ACCOUNT + "/" + container + "/" + name + (sliced ? "manifest" : "") + "?" + sas);
        file.putObject("absPath").put("container", container).put("name", name);
        file.putObject("absCredentials").put("SASConnectionString", connectionString(storageEndpoint, sas))
                .put("expiration", "2099-01-01T00:00:00+0000");
        return file;
    }

    private static String connectionString(String storageEndpoint, String sas) {
        return "BlobEndpoint=" + storageEndpoint + "/" + ACCOUNT + ";SharedAccessSignature=" + sas;
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
