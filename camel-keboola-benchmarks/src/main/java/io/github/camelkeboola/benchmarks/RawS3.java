package io.github.camelkeboola.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The limit's way to S3: the JDK's HTTP client, plain SigV4-signed requests (GET, multipart upload), no retries. Written for the benchmark only, independent of the component's transfer code it is compared with.
 */
final class RawS3 {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String origin;
    private final String bucket;
    private final String region;
    private final String accessKeyId;
    private final String secret;
    private final String sessionToken;

    RawS3(String origin, String bucket, String region, JsonNode credentials) {
        this.origin = origin;
        this.bucket = bucket;
        this.region = region.isEmpty() ? "us-east-1" : region;
        this.accessKeyId = credentials.path("AccessKeyId").asText();
        this.secret = credentials.path("SecretAccessKey").asText();
        this.sessionToken = credentials.path("SessionToken").asText("");
    }

    /** Starts a multipart upload; returns its upload id. */
    String startMultipart(String key, Map<String, String> amzHeaders) throws IOException, InterruptedException {
        String xml = send(signed("POST", key, "uploads=", amzHeaders).POST(HttpRequest.BodyPublishers.noBody()), key);
        return between(xml, "<UploadId>", "</UploadId>");
    }

    /** Uploads one part; returns its ETag. */
    String uploadPart(String key, String uploadId, int number, byte[] data, int length) throws IOException, InterruptedException {
        HttpRequest.Builder request = signed("PUT", key, "partNumber=" + number + "&uploadId=" + encode(uploadId), Map.of())
                .PUT(HttpRequest.BodyPublishers.ofByteArray(data, 0, length));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        check(response, key);
        return response.headers().firstValue("ETag").orElseThrow(() -> new IOException("No ETag for part " + number + " of " + key));
    }

    void completeMultipart(String key, String uploadId, java.util.List<String> etags) throws IOException, InterruptedException {
        StringBuilder xml = new StringBuilder("<CompleteMultipartUpload>");
        for (int i = 0; i < etags.size(); i++) {
            xml.append("<Part><PartNumber>").append(i + 1).append("</PartNumber><ETag>").append(etags.get(i)).append("</ETag></Part>");
        }
        String body = xml.append("</CompleteMultipartUpload>").toString();
        String answer = send(signed("POST", key, "uploadId=" + encode(uploadId), Map.of()).POST(HttpRequest.BodyPublishers.ofString(body)), key);
        if (answer.contains("<Error>")) {
            throw new IOException("CompleteMultipartUpload of " + key + ": " + answer);
        }
    }

    InputStream get(String key) throws IOException, InterruptedException {
        HttpResponse<InputStream> response = http.send(signed("GET", key, "", Map.of()).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + key + ": HTTP " + response.statusCode() + " " + new String(response.body().readAllBytes(), StandardCharsets.UTF_8));
        }
        return response.body();
    }

    InputStream getUrl(String url) throws IOException, InterruptedException {
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw new IOException("GET of a presigned URL: HTTP " + response.statusCode());
        }
        return response.body();
    }

    private String send(HttpRequest.Builder request, String key) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        check(response, key);
        return response.body();
    }

    private static void check(HttpResponse<String> response, String key) throws IOException {
        if (response.statusCode() / 100 != 2) {
            throw new IOException(response.request().method() + " " + key + ": HTTP " + response.statusCode() + " " + response.body());
        }
    }

    private static String between(String text, String open, String close) throws IOException {
        int start = text.indexOf(open);
        int end = text.indexOf(close, start + 1);
        if (start < 0 || end < 0) {
            throw new IOException("No " + open + " in " + text);
        }
        return text.substring(start + open.length(), end);
    }

    /** A SigV4-signed request; {@code query} is already canonical (keys sorted, values encoded). */
    private HttpRequest.Builder signed(String method, String key, String query, Map<String, String> amzHeaders) {
        URI uri = URI.create(origin + "/" + bucket + "/" + encodePath(key) + (query.isEmpty() ? "" : "?" + query));
        String amzDate = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(Instant.now());
        Map<String, String> headers = new TreeMap<>(amzHeaders);
        headers.put("x-amz-content-sha256", "UNSIGNED-PAYLOAD");
        headers.put("x-amz-date", amzDate);
        if (!sessionToken.isEmpty()) {
            headers.put("x-amz-security-token", sessionToken);
        }
        Map<String, String> canonical = new TreeMap<>(headers);
        canonical.put("host", uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort()));
        StringBuilder canonicalHeaders = new StringBuilder();
        canonical.forEach((name, value) -> canonicalHeaders.append(name).append(':').append(value).append('\n'));
        String signedHeaders = String.join(";", canonical.keySet());
        String scope = amzDate.substring(0, 8) + "/" + region + "/s3/aws4_request";
        String request = method + "\n" + uri.getRawPath() + "\n" + query + "\n" + canonicalHeaders + "\n" + signedHeaders + "\nUNSIGNED-PAYLOAD";
        try {
            String toSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n"
                    + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(request.getBytes(StandardCharsets.UTF_8)));
            byte[] signingKey = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), amzDate.substring(0, 8));
            signingKey = hmac(hmac(hmac(signingKey, region), "s3"), "aws4_request");
            String signature = HexFormat.of().formatHex(hmac(signingKey, toSign));
            HttpRequest.Builder builder = HttpRequest.newBuilder(uri);
            headers.forEach(builder::header);
            return builder.header("Authorization", "AWS4-HMAC-SHA256 Credential=" + accessKeyId + "/" + scope
                    + ", SignedHeaders=" + signedHeaders + ", Signature=" + signature);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    private static String encodePath(String key) {
        return encode(key, "-._~/");
    }

    private static String encode(String value) {
        return encode(value, "-._~");
    }

    private static String encode(String key, String safe) {
        StringBuilder out = new StringBuilder();
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (Character.isLetterOrDigit(c) && c < 128 || safe.indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", (int) c));
            }
        }
        return out.toString();
    }
}
