package io.github.camelkeboola.emulator.storage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelkeboola.emulator.fault.FaultInjector;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.blobstore.domain.Blob;
import org.jclouds.blobstore.domain.BlobMetadata;
import org.jclouds.blobstore.domain.PageSet;
import org.jclouds.blobstore.domain.StorageMetadata;
import org.jclouds.blobstore.domain.StorageType;
import org.jclouds.blobstore.options.ListContainerOptions;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code aws} flavour: S3 with SigV4 served by an embedded S3Proxy over a jclouds filesystem blob store
 * ({@code baseDir/s3/<bucket>/<key>}). S3Proxy knows one identity; it is handed out as STS-style
 * session credentials, whose session token the frontend checks (S3Proxy has no notion of it).
 */
final class S3FileStorage implements FileStorage {

    static final String BUCKET = "kbc-sapi-files";
    static final String REGION = "us-east-1";
    private static final Duration URL_EXPIRY = Duration.ofHours(1);
    private static final Duration CREDENTIALS_EXPIRY = Duration.ofHours(12);
    private static final String SSE_HEADER = "x-amz-server-side-encryption";

    private final Path baseDir;
    private final FaultInjector faults;
    private final String accessKeyId = "ASIA" + StorageSecrets.upper(16);
    private final String secretAccessKey = StorageSecrets.alnum(40);
    private final String sessionToken = "FwoGZXIvYXdzE" + StorageSecrets.alnum(120);
    private final SigV4Presigner presigner = new SigV4Presigner(accessKeyId, secretAccessKey, sessionToken, REGION);
    /** Keys (or slice prefixes) of encrypted files: uploads there must ask for server-side encryption. */
    private final Set<String> encryptedKeys = ConcurrentHashMap.newKeySet();

    private final IssuedCredentials issued = new IssuedCredentials();

    private BlobStoreContext context;
    private BlobStore blobStore;
    private S3Proxy s3Proxy;
    private FaultingFrontend frontend;

    S3FileStorage(Path baseDir, FaultInjector faults) {
        this.baseDir = baseDir;
        this.faults = faults;
    }

    @Override
    public String provider() {
        return "aws";
    }

    @Override
    public void start() throws Exception {
        Path blobDir = baseDir.resolve("s3");
        Files.createDirectories(blobDir);
        Properties properties = new Properties();
        properties.setProperty("jclouds.filesystem.basedir", blobDir.toString());
        context = ContextBuilder.newBuilder("filesystem").overrides(properties).build(BlobStoreContext.class);
        blobStore = context.getBlobStore();
        blobStore.createContainerInLocation(null, BUCKET);
        s3Proxy = S3Proxy.builder()
                .blobStore(blobStore)
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKeyId, secretAccessKey)
                // Keboola's uploads send x-amz-server-side-encryption, which S3Proxy would answer with 501.
                .ignoreUnknownHeaders(true)
                .build();
        s3Proxy.start();
        frontend = new FaultingFrontend("s3", s3Proxy.getPort(), faults, S3FileStorage::errorBody, this::guard);
        frontend.start();
    }

    @Override
    public void close() {
        if (frontend != null) {
            frontend.close();
        }
        try {
            if (s3Proxy != null) {
                s3Proxy.stop();
            }
        } catch (Exception e) {
            throw new IllegalStateException("Stopping S3Proxy failed", e);
        } finally {
            if (context != null) {
                context.close();
            }
        }
    }

    /** {@code 127.0.0.1:PORT} of the frontend clients talk to. */
    String host() {
        return "127.0.0.1:" + frontend.port();
    }

    @Override
    public void describeUpload(StoredFile file, ObjectNode resource) {
        if (file.encrypted()) {
            encryptedKeys.add(file.objectKey());
        }
        resource.put("url", downloadUrl(file));
        resource.put("region", REGION);
        ObjectNode params = resource.putObject("uploadParams");
        params.put("key", file.objectKey());
        params.put("bucket", BUCKET);
        params.put("acl", "private");
        if (file.encrypted()) {
            params.put(SSE_HEADER, "AES256");
        }
        putCredentials(params.putObject("credentials"));
    }

    @Override
    public void describeDownload(StoredFile file, ObjectNode resource, boolean withCredentials) {
        resource.put("url", downloadUrl(file));
        resource.put("region", REGION);
        if (withCredentials) {
            ObjectNode path = resource.putObject("s3Path");
            path.put("bucket", BUCKET);
            path.put("key", file.objectKey());
            putCredentials(resource.putObject("credentials"));
        }
    }

    private String downloadUrl(StoredFile file) {
        String key = file.sliced() ? file.manifestKey() : file.objectKey();
        String url = presigner.presignGet(host(), BUCKET, key, Instant.now(), URL_EXPIRY);
        issued.addFromQuery(url, "X-Amz-Signature");
        return url;
    }

    @Override
    public IssuedCredentials issuedCredentials() {
        issued.add(accessKeyId);
        issued.add(secretAccessKey);
        issued.add(sessionToken);
        return issued;
    }

    private void putCredentials(ObjectNode credentials) {
        credentials.put("AccessKeyId", accessKeyId);
        credentials.put("SecretAccessKey", secretAccessKey);
        credentials.put("SessionToken", sessionToken);
        credentials.put("Expiration", StorageSecrets.expiration(Instant.now().plus(CREDENTIALS_EXPIRY)));
    }

    @Override
    public String entryUrl(String objectKey) {
        return "s3://" + BUCKET + "/" + objectKey;
    }

    @Override
    public String objectKey(String entryUrl) {
        String prefix = "s3://" + BUCKET + "/";
        if (entryUrl == null || !entryUrl.startsWith(prefix) || entryUrl.length() == prefix.length()) {
            throw new IllegalArgumentException("Not an object of bucket " + BUCKET + ": " + entryUrl);
        }
        return entryUrl.substring(prefix.length());
    }

    @Override
    public boolean exists(String objectKey) {
        return blobStore.blobExists(BUCKET, objectKey);
    }

    @Override
    public long size(String objectKey) throws IOException {
        BlobMetadata metadata = blobStore.blobMetadata(BUCKET, objectKey);
        if (metadata == null) {
            throw new FileNotFoundException("s3://" + BUCKET + "/" + objectKey);
        }
        return metadata.getSize();
    }

    @Override
    public InputStream read(String objectKey) throws IOException {
        Blob blob = blobStore.getBlob(BUCKET, objectKey);
        if (blob == null) {
            throw new FileNotFoundException("s3://" + BUCKET + "/" + objectKey);
        }
        return blob.getPayload().openStream();
    }

    @Override
    public OutputStream write(String objectKey) throws IOException {
        return StagedOutputStream.create(baseDir.resolve("staging"), staged -> blobStore.putBlob(BUCKET,
                blobStore.blobBuilder(objectKey).payload(staged.toFile()).contentLength(Files.size(staged)).build()));
    }

    @Override
    public void deletePrefix(String prefix) {
        List<String> names = new ArrayList<>();
        ListContainerOptions options = ListContainerOptions.Builder.prefix(prefix).recursive();
        while (true) {
            PageSet<? extends StorageMetadata> page = blobStore.list(BUCKET, options);
            for (StorageMetadata entry : page) {
                if (entry.getType() == StorageType.BLOB && entry.getName().startsWith(prefix)) {
                    names.add(entry.getName());
                }
            }
            if (page.getNextMarker() == null) {
                break;
            }
            options = ListContainerOptions.Builder.prefix(prefix).recursive().afterMarker(page.getNextMarker());
        }
        names.forEach(name -> blobStore.removeBlob(BUCKET, name));
    }

    private Optional<byte[]> guard(FaultingFrontend.RequestHead head) {
        Optional<byte[]> refusal = requireSessionToken(head);
        return refusal.isPresent() ? refusal : requireEncryption(head);
    }

    /**
     * The credentials are session credentials: a signed request must carry their session token (S3Proxy knows
     * only the key pair, so the token is checked here).
     */
    private Optional<byte[]> requireSessionToken(FaultingFrontend.RequestHead head) {
        String query = head.query();
        String authorization = head.header("Authorization");
        boolean signed = (authorization != null && authorization.startsWith("AWS"))
                || query.contains("X-Amz-Credential=") || query.contains("AWSAccessKeyId=");
        if (!signed) {
            return Optional.empty();
        }
        String token = head.header("x-amz-security-token");
        for (String pair : query.split("&")) {
            if (pair.startsWith("X-Amz-Security-Token=")) {
                token = URLDecoder.decode(pair.substring("X-Amz-Security-Token=".length()), StandardCharsets.UTF_8);
            }
        }
        if (sessionToken.equals(token)) {
            return Optional.empty();
        }
        String body = token == null
                ? s3Error("InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist in our records.")
                : s3Error("InvalidToken", "The provided token is malformed or otherwise invalid.");
        return Optional.of(FaultingFrontend.response(403, "application/xml", body));
    }

    /** Real S3 denies an upload of an encrypted Keboola file that does not ask for server-side encryption. */
    private Optional<byte[]> requireEncryption(FaultingFrontend.RequestHead head) {
        boolean createsObject = ("PUT".equals(head.method()) && !head.query().contains("partNumber="))
                || ("POST".equals(head.method()) && head.query().matches("(.*&)?uploads(=.*|&.*)?"));
        String bucketPath = "/" + BUCKET + "/";
        if (!createsObject || !head.path().startsWith(bucketPath) || head.header(SSE_HEADER) != null) {
            return Optional.empty();
        }
        String key = URLDecoder.decode(head.path().substring(bucketPath.length()), StandardCharsets.UTF_8);
        boolean encrypted = encryptedKeys.stream().anyMatch(key::startsWith);
        return encrypted ? Optional.of(FaultingFrontend.response(403, "application/xml",
                s3Error("AccessDenied", "Access Denied"))) : Optional.empty();
    }

    private static FaultingFrontend.ErrorResponse errorBody(int status) {
        String body = switch (status) {
            case 503 -> s3Error("SlowDown", "Please reduce your request rate.");
            // what S3 answers once the STS session of a file's credentials is over
            case 400, 403 -> s3Error("ExpiredToken", "The provided token has expired.");
            default -> s3Error("InternalError", "We encountered an internal error. Please try again.");
        };
        return new FaultingFrontend.ErrorResponse("application/xml", body, List.of());
    }

    private static String s3Error(String code, String message) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>" + message
                + "</Message><RequestId>" + StorageSecrets.upper(16) + "</RequestId></Error>";
    }
}
