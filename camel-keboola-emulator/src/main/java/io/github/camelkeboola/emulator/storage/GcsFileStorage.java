package io.github.camelkeboola.emulator.storage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelkeboola.emulator.fault.FaultInjector;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The {@code gcp} flavour: the GCS JSON API at {@code http://127.0.0.1:PORT} (clients set it as their host),
 * authorized by OAuth2 access tokens the emulator issues (one per file description, valid one hour), and
 * signed URLs for {@code url}. Objects live in {@code baseDir/gcs/<bucket>}.
 */
final class GcsFileStorage implements FileStorage {

    static final String BUCKET = "kbc-sapi-files";
    static final String PROJECT_ID = "kbc-emulator";
    private static final Duration URL_EXPIRY = Duration.ofHours(1);

    private final Path baseDir;
    private final FaultInjector faults;
    private final Clock clock = Clock.systemUTC();
    private final GcsAuth auth = new GcsAuth("kbc-files@" + PROJECT_ID + ".iam.gserviceaccount.com");
    private GcsObjects objects;
    private FrontedHttpServer server;

    GcsFileStorage(Path baseDir, FaultInjector faults) {
        this.baseDir = baseDir;
        this.faults = faults;
    }

    @Override
    public String provider() {
        return "gcp";
    }

    @Override
    public void start() throws IOException {
        objects = new GcsObjects(BUCKET, baseDir.resolve("gcs").resolve(BUCKET), baseDir.resolve("gcs-metadata").resolve(BUCKET),
                baseDir.resolve("staging"));
        objects.create();
        server = FrontedHttpServer.start("gcs", "gcs-", new GcsService(BUCKET, objects, auth, clock), faults,
                GcsFileStorage::errorBody);
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
    }

    /** {@code http://127.0.0.1:PORT}, what clients set as the storage host. */
    String origin() {
        return "http://127.0.0.1:" + server.port();
    }

    /** For tests: a token as {@code files/prepare} would hand out. */
    String issueToken() {
        return auth.issueToken(clock.instant());
    }

    @Override
    public IssuedCredentials issuedCredentials() {
        return auth.issued();
    }

    @Override
    public void describeUpload(StoredFile file, ObjectNode resource) {
        resource.put("url", downloadUrl(file));
        ObjectNode params = resource.putObject("gcsUploadParams");
        params.put("projectId", PROJECT_ID);
        params.put("bucket", BUCKET);
        params.put("key", file.objectKey());
        putToken(params);
    }

    @Override
    public void describeDownload(StoredFile file, ObjectNode resource, boolean withCredentials) {
        resource.put("url", downloadUrl(file));
        if (withCredentials) {
            ObjectNode path = resource.putObject("gcsPath");
            path.put("bucket", BUCKET);
            path.put("key", file.objectKey());
            ObjectNode credentials = resource.putObject("gcsCredentials");
            putToken(credentials);
            credentials.put("projectId", PROJECT_ID);
        }
    }

    private void putToken(ObjectNode node) {
        node.put("access_token", auth.issueToken(clock.instant()));
        node.put("expires_in", GcsAuth.TOKEN_LIFETIME.toSeconds() - 1);
        node.put("token_type", "Bearer");
    }

    private String downloadUrl(StoredFile file) {
        String key = file.sliced() ? file.manifestKey() : file.objectKey();
        String path = "/" + BUCKET + "/" + SigV4Presigner.encode(key, false);
        return origin() + path + "?" + auth.signQuery(path, clock.instant(), URL_EXPIRY);
    }

    @Override
    public String entryUrl(String objectKey) {
        return "gs://" + BUCKET + "/" + objectKey;
    }

    @Override
    public String objectKey(String entryUrl) {
        String prefix = "gs://" + BUCKET + "/";
        if (entryUrl == null || !entryUrl.startsWith(prefix) || entryUrl.length() == prefix.length()) {
            throw new IllegalArgumentException("Not an object of bucket " + BUCKET + ": " + entryUrl);
        }
        return entryUrl.substring(prefix.length());
    }

    @Override
    public boolean exists(String objectKey) {
        return objects.content().exists(objectKey);
    }

    @Override
    public long size(String objectKey) throws IOException {
        return objects.content().size(objectKey);
    }

    @Override
    public InputStream read(String objectKey) throws IOException {
        return objects.content().read(objectKey);
    }

    @Override
    public OutputStream write(String objectKey) throws IOException {
        return objects.write(objectKey);
    }

    @Override
    public void deletePrefix(String prefix) throws IOException {
        for (String key : objects.list(prefix)) {
            objects.delete(key);
        }
    }

    private static FaultingFrontend.ErrorResponse errorBody(int status) {
        String message = status == 503 ? "We encountered an internal error. Please try again." : "Backend Error";
        String reason = status == 503 ? "backendError" : "internalError";
        return new FaultingFrontend.ErrorResponse("application/json; charset=UTF-8",
                GcsService.errorBody(status, message, reason).toString(), List.of());
    }
}
