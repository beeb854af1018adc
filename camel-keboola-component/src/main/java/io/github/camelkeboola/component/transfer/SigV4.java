package io.github.camelkeboola.component.transfer;

import org.apache.hc.core5.http.ClassicHttpRequest;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** AWS Signature Version 4 for S3 requests, signed with the temporary (STS) credentials of one Keboola file. */
final class SigV4 {

    static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final String accessKeyId;
    private final String secretAccessKey;
    private final String sessionToken;
    private final String region;

    SigV4(String accessKeyId, String secretAccessKey, String sessionToken, String region) {
        this.accessKeyId = accessKeyId;
        this.secretAccessKey = secretAccessKey;
        this.sessionToken = sessionToken;
        this.region = region;
    }

    /**
     * Adds {@code Host}, {@code x-amz-date}, {@code x-amz-content-sha256}, {@code x-amz-security-token}, the given
     * {@code x-amz-*} headers and {@code Authorization} to the request. Its URI must already be in canonical form:
     * path segments percent-encoded once, query names and values percent-encoded.
     */
    void sign(ClassicHttpRequest request, URI uri, Map<String, String> amzHeaders, String payloadSha256, Instant now) {
        String amzDate = AMZ_DATE.format(now);
        String day = amzDate.substring(0, 8);
        Map<String, String> headers = new TreeMap<>();
        headers.put("host", hostHeader(uri));
        headers.put("x-amz-content-sha256", payloadSha256);
        headers.put("x-amz-date", amzDate);
        if (sessionToken != null && !sessionToken.isEmpty()) {
            headers.put("x-amz-security-token", sessionToken);
        }
        amzHeaders.forEach((name, value) -> headers.put(name.toLowerCase(Locale.ROOT), value));

        StringBuilder canonicalHeaders = new StringBuilder();
        headers.forEach((name, value) -> canonicalHeaders.append(name).append(':').append(value.strip()).append('\n'));
        String signedHeaders = String.join(";", headers.keySet());
        String canonicalRequest = request.getMethod() + '\n'
                + (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath()) + '\n'
                + canonicalQuery(uri.getRawQuery()) + '\n'
                + canonicalHeaders + '\n'
                + signedHeaders + '\n'
                + payloadSha256;
        String scope = day + '/' + region + "/s3/aws4_request";
        byte[] canonicalBytes = canonicalRequest.getBytes(StandardCharsets.UTF_8);
        String stringToSign = "AWS4-HMAC-SHA256\n" + amzDate + '\n' + scope + '\n' + sha256Hex(canonicalBytes, 0, canonicalBytes.length);
        byte[] key = hmac(("AWS4" + secretAccessKey).getBytes(StandardCharsets.UTF_8), day);
        key = hmac(key, region);
        key = hmac(key, "s3");
        key = hmac(key, "aws4_request");
        String signature = HexFormat.of().formatHex(hmac(key, stringToSign));

        headers.forEach(request::setHeader);
        request.setHeader("Authorization", "AWS4-HMAC-SHA256 Credential=" + accessKeyId + '/' + scope
                + ", SignedHeaders=" + signedHeaders + ", Signature=" + signature);
    }

    static String sha256Hex(byte[] data, int offset, int length) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(data, offset, length);
            return HexFormat.of().formatHex(digest.digest());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hostHeader(URI uri) {
        int port = uri.getPort();
        boolean defaultPort = port == -1 || ("http".equals(uri.getScheme()) && port == 80) || ("https".equals(uri.getScheme()) && port == 443);
        return defaultPort ? uri.getHost() : uri.getHost() + ':' + port;
    }

    /** The query sorted by name; our URIs carry names and values already encoded, {@code uploads} without a value. */
    private static String canonicalQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        Map<String, String> params = new TreeMap<>();
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            params.put(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? "" : pair.substring(eq + 1));
        }
        StringBuilder query = new StringBuilder();
        params.forEach((name, value) -> query.append(query.length() == 0 ? "" : "&").append(name).append('=').append(value));
        return query.toString();
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
