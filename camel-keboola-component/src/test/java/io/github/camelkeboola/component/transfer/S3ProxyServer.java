package io.github.camelkeboola.component.transfer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Properties;

/**
 * S3Proxy (a real implementation of the S3 protocol) on a random loopback port with a filesystem blobstore and
 * SigV4 authentication, plus the Keboola file resources (prepare answers, file details) pointing at it.
 */
final class S3ProxyServer implements AutoCloseable {

    static final String ACCESS_KEY = "ASIATESTKEY";
    static final String SECRET_KEY = "test-secret-key";
    static final String BUCKET = "kbc-sapi-files";
    static final String REGION = "us-east-1";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path baseDir;
    private final BlobStoreContext context;
    private final S3Proxy proxy;

    S3ProxyServer(Path baseDir) throws Exception {
        this.baseDir = baseDir;
        Files.createDirectories(baseDir.resolve(BUCKET));
        Properties properties = new Properties();
        properties.setProperty("jclouds.filesystem.basedir", baseDir.toString());
        context = ContextBuilder.newBuilder("filesystem").overrides(properties).build(BlobStoreContext.class);
        proxy = S3Proxy.builder()
                .blobStore(context.getBlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                // Keboola's encrypted files need x-amz-server-side-encryption, which S3Proxy would otherwise refuse (501).
                .ignoreUnknownHeaders(true)
                .build();
        proxy.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + proxy.getPort();
    }

    /** The stored object, straight from the blobstore's directory. */
    Path object(String key) {
        return baseDir.resolve(BUCKET).resolve(key);
    }

    void putObject(String key, byte[] content) throws IOException {
        Files.createDirectories(object(key).getParent());
        Files.write(object(key), content);
    }

    /** A {@code files/prepare} answer (aws) whose storage is reached at {@code storageEndpoint}. */
    ObjectNode prepared(long id, String key, String storageEndpoint, String secret) {
        ObjectNode file = JSON.createObjectNode();
        file.put("id", id).put("provider", "aws").put("region", REGION).put("isSliced", false).put("isEncrypted", true)
                .put("url", storageEndpoint + "/" + BUCKET + "/" + key + "?X-Amz-Signature=presigned");
        ObjectNode params = file.putObject("uploadParams");
        params.put("key", key).put("bucket", BUCKET).put("acl", "private").put("x-amz-server-side-encryption", "AES256");
        credentials(params.putObject("credentials"), secret);
        return file;
    }

    /** A file detail with {@code federationToken=1} (aws); for a sliced file {@code url} is the manifest's presigned URL. */
    ObjectNode detail(long id, String key, boolean sliced, String storageEndpoint) {
        ObjectNode file = JSON.createObjectNode();
        file.put("id", id).put("provider", "aws").put("region", REGION).put("isSliced", sliced)
                .put("url", presignGet(storageEndpoint, key + (sliced ? "manifest" : "")));
        file.putObject("s3Path").put("bucket", BUCKET).put("key", key);
        credentials(file.putObject("credentials"), SECRET_KEY);
        return file;
    }

    private static void credentials(ObjectNode credentials, String secret) {
        credentials.put("AccessKeyId", ACCESS_KEY).put("SecretAccessKey", secret)
                .put("SessionToken", "session-token-of-the-file").put("Expiration", "2099-01-01T00:00:00+00:00");
    }

    /** A SigV4 presigned GET, as the Storage API hands out in a file's {@code url}. */
    static String presignGet(String endpoint, String key) {
        try {
            URI uri = URI.create(endpoint);
            String amzDate = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(Instant.now());
            String day = amzDate.substring(0, 8);
            String scope = day + "/" + REGION + "/s3/aws4_request";
            String path = "/" + BUCKET + "/" + Urls.encodePath(key);
            String query = "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=" + Urls.encode(ACCESS_KEY + "/" + scope)
                    + "&X-Amz-Date=" + amzDate + "&X-Amz-Expires=3600&X-Amz-SignedHeaders=host";
            String canonical = "GET\n" + path + "\n" + query + "\nhost:" + uri.getHost() + ":" + uri.getPort() + "\n\nhost\nUNSIGNED-PAYLOAD";
            String toSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n"
                    + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
            byte[] k = hmac(("AWS4" + SECRET_KEY).getBytes(StandardCharsets.UTF_8), day);
            k = hmac(hmac(hmac(k, REGION), "s3"), "aws4_request");
            return endpoint + path + "?" + query + "&X-Amz-Signature=" + HexFormat.of().formatHex(hmac(k, toSign));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
        context.close();
    }
}
