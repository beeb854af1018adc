package io.github.camelkeboola.emulator.storage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelkeboola.emulator.fault.FaultInjector;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The {@code azure} flavour: Azure Blob REST, path style ({@code http://127.0.0.1:PORT/{account}/{container}/{blob}}),
 * authorized by account SAS tokens handed out in SAS connection strings. Blobs live in
 * {@code baseDir/azure/<container>}; the account and container names are fixed so that manifest entry URLs stay
 * valid across restarts, the account key is new on every start.
 */
final class AzureBlobFileStorage implements FileStorage {

    static final String ACCOUNT = "kbcemulatorfiles";
    static final String CONTAINER = "exp-15-files";
    private static final Duration URL_EXPIRY = Duration.ofHours(1);
    private static final Duration CREDENTIALS_EXPIRY = Duration.ofHours(12);

    private final Path baseDir;
    private final FaultInjector faults;
    private final Clock clock = Clock.systemUTC();
    private final AzureSas sas = new AzureSas(ACCOUNT, StorageSecrets.bytes(64));
    private final IssuedCredentials issued = new IssuedCredentials();
    private DirectoryObjects blobs;
    private FrontedHttpServer server;

    AzureBlobFileStorage(Path baseDir, FaultInjector faults) {
        this.baseDir = baseDir;
        this.faults = faults;
    }

    @Override
    public String provider() {
        return "azure";
    }

    @Override
    public void start() throws IOException {
        blobs = new DirectoryObjects(baseDir.resolve("azure").resolve(CONTAINER), baseDir.resolve("staging"));
        blobs.create();
        server = FrontedHttpServer.start("azure", "azure-blob-",
                new AzureBlobService(ACCOUNT, CONTAINER, blobs, baseDir.resolve("azure-blocks"), sas, clock),
                faults, AzureBlobFileStorage::errorBody);
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
    }

    /** {@code http://127.0.0.1:PORT/{account}}, the {@code BlobEndpoint} of the connection strings. */
    String blobEndpoint() {
        return "http://127.0.0.1:" + server.port() + "/" + ACCOUNT;
    }

    /** For tests that sign their own SAS (with the Azure SDK) as the account owner would. */
    AzureSas sas() {
        return sas;
    }

    @Override
    public void describeUpload(StoredFile file, ObjectNode resource) {
        resource.put("url", downloadUrl(file));
        ObjectNode params = resource.putObject("absUploadParams");
        params.put("blobName", file.objectKey());
        params.put("accountName", ACCOUNT);
        params.put("container", CONTAINER);
        putCredentials(params.putObject("absCredentials"), "rwl");
    }

    @Override
    public void describeDownload(StoredFile file, ObjectNode resource, boolean withCredentials) {
        resource.put("url", downloadUrl(file));
        if (withCredentials) {
            ObjectNode path = resource.putObject("absPath");
            path.put("container", CONTAINER);
            path.put("name", file.objectKey());
            putCredentials(resource.putObject("absCredentials"), "rl");
        }
    }

    private String downloadUrl(StoredFile file) {
        String key = file.sliced() ? file.manifestKey() : file.objectKey();
        Instant now = clock.instant();
        return blobEndpoint() + "/" + CONTAINER + "/" + encodePath(key) + "?" + issue("r", now.minusSeconds(300), now.plus(URL_EXPIRY));
    }

    private void putCredentials(ObjectNode credentials, String permissions) {
        Instant now = clock.instant();
        Instant expiry = now.plus(CREDENTIALS_EXPIRY);
        credentials.put("SASConnectionString", "BlobEndpoint=" + blobEndpoint() + ";SharedAccessSignature="
                + issue(permissions, now.minusSeconds(300), expiry));
        credentials.put("expiration", StorageSecrets.compactExpiration(expiry));
    }

    private String issue(String permissions, Instant start, Instant expiry) {
        String sasQuery = sas.issue(permissions, start, expiry);
        issued.addFromQuery(sasQuery, "sig");
        return sasQuery;
    }

    @Override
    public IssuedCredentials issuedCredentials() {
        return issued;
    }

    private static String encodePath(String key) {
        return URLEncoder.encode(key, StandardCharsets.UTF_8).replace("+", "%20").replace("%2F", "/");
    }

    @Override
    public String entryUrl(String objectKey) {
        return entryPrefix() + objectKey;
    }

    private static String entryPrefix() {
        return "azure://" + ACCOUNT + ".blob.core.windows.net/" + CONTAINER + "/";
    }

    @Override
    public String objectKey(String entryUrl) {
        if (entryUrl == null || !entryUrl.startsWith(entryPrefix()) || entryUrl.length() == entryPrefix().length()) {
            throw new IllegalArgumentException("Not a blob of container " + CONTAINER + " in account " + ACCOUNT + ": " + entryUrl);
        }
        return entryUrl.substring(entryPrefix().length());
    }

    @Override
    public boolean exists(String objectKey) {
        return blobs.exists(objectKey);
    }

    @Override
    public long size(String objectKey) throws IOException {
        return blobs.size(objectKey);
    }

    @Override
    public InputStream read(String objectKey) throws IOException {
        return blobs.read(objectKey);
    }

    @Override
    public OutputStream write(String objectKey) throws IOException {
        return blobs.write(objectKey);
    }

    @Override
    public void deletePrefix(String prefix) throws IOException {
        for (String key : blobs.list(prefix)) {
            blobs.delete(key);
        }
    }

    private static FaultingFrontend.ErrorResponse errorBody(int status) {
        String code = status == 503 ? "ServerBusy" : "InternalError";
        String message = status == 503 ? "The server is currently unable to receive requests. Please retry your request."
                : "The server encountered an internal error. Please retry the request.";
        return new FaultingFrontend.ErrorResponse("application/xml",
                "<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>" + code + "</Code><Message>" + message + "</Message></Error>",
                List.of("x-ms-error-code: " + code));
    }
}
