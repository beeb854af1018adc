package io.github.camelkeboola.component.transfer;

import io.github.camelkeboola.component.KeboolaException;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.message.BasicClassicHttpRequest;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** S3 over its REST protocol, requests signed with SigV4 using the file's STS credentials. */
final class S3Store implements ObjectStore {

    /** S3 refuses to complete a multipart upload whose parts (but the last) are smaller than this. */
    static final int MIN_PART_SIZE = 5 * 1024 * 1024;

    private static final Pattern UPLOAD_ID = Pattern.compile("<UploadId>([^<]+)</UploadId>");

    private final StorageHttp http;
    private final String baseUrl;
    private final String bucket;
    private final SigV4 signer;
    private final String serverSideEncryption;

    /**
     * @param endpoint             storage origin; for real AWS ({@code *.amazonaws.com}) the bucket goes into the host
     *                             (virtual-hosted style), otherwise into the path (path style, as S3-compatible servers expect)
     * @param serverSideEncryption {@code x-amz-server-side-encryption} sent on uploads, or null
     */
    S3Store(StorageHttp http, String endpoint, String bucket, String region, SigV4 signer, String serverSideEncryption) {
        this.http = http;
        this.bucket = bucket;
        this.signer = signer;
        this.serverSideEncryption = serverSideEncryption;
        URI origin = URI.create(endpoint);
        boolean aws = origin.getHost() != null && origin.getHost().endsWith(".amazonaws.com");
        if (aws && !bucket.contains(".")) {
            // Virtual-hosted style in the bucket's region: what AWS expects (path style is deprecated there).
            this.baseUrl = origin.getScheme() + "://" + bucket + ".s3." + region + ".amazonaws.com";
        } else {
            String base = aws ? origin.getScheme() + "://s3." + region + ".amazonaws.com" : stripSlash(endpoint);
            this.baseUrl = base + "/" + Urls.encodePath(bucket);
        }
    }

    @Override
    public String name() {
        return "S3";
    }

    @Override
    public int partSize(int requested) {
        return Math.max(MIN_PART_SIZE, requested);
    }

    @Override
    public void put(String key, byte[] data, int length) {
        http.call("S3 PUT of object " + key, () -> request("PUT", key, "", data, length, encryption()), r -> null);
    }

    @Override
    public MultipartUpload startMultipart(String key) {
        String uploadId = http.call("S3 CreateMultipartUpload of object " + key,
                () -> request("POST", key, "uploads=", null, 0, encryption()),
                response -> {
                    Matcher m = UPLOAD_ID.matcher(StorageHttp.bodyText(response));
                    if (!m.find()) {
                        throw new KeboolaException("S3 CreateMultipartUpload of object " + key + " answered no UploadId", null, null);
                    }
                    return m.group(1);
                });
        return new S3MultipartUpload(key, uploadId);
    }

    @Override
    public ClassicHttpResponse open(String key, long from) {
        return http.execute("S3 GET of object " + key,
                () -> ObjectStore.fromByte(request("GET", key, "", null, 0, Map.of()), from), 416);
    }

    @Override
    public String entryUrlPrefix(String key) {
        return "s3://" + bucket + "/" + key;
    }

    @Override
    public String keyOfEntry(String entryUrl) {
        return ObjectStore.keyAfter("s3", bucket, entryUrl);
    }

    private Map<String, String> encryption() {
        return serverSideEncryption == null ? Map.of() : Map.of("x-amz-server-side-encryption", serverSideEncryption);
    }

    private ClassicHttpRequest request(String method, String key, String query, byte[] body, int length, Map<String, String> amzHeaders) {
        URI uri = URI.create(baseUrl + "/" + Urls.encodePath(key) + (query.isEmpty() ? "" : "?" + query));
        BasicClassicHttpRequest request = new BasicClassicHttpRequest(method, uri);
        String payloadHash = SigV4.EMPTY_SHA256;
        if (body != null) {
            request.setEntity(new ByteArrayEntity(body, 0, length, null));
            payloadHash = SigV4.sha256Hex(body, 0, length);
        }
        signer.sign(request, uri, amzHeaders, payloadHash, Instant.now());
        return request;
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private final class S3MultipartUpload implements MultipartUpload {
        private final String key;
        private final String uploadId;
        private final Map<Integer, String> etags = new ConcurrentSkipListMap<>();

        S3MultipartUpload(String key, String uploadId) {
            this.key = key;
            this.uploadId = uploadId;
        }

        @Override
        public void uploadPart(int number, byte[] data, int length, boolean last) {
            String etag = http.call("S3 UploadPart " + number + " of object " + key,
                    () -> request("PUT", key, "partNumber=" + number + "&uploadId=" + Urls.encode(uploadId), data, length, Map.of()),
                    response -> {
                        Header header = response.getFirstHeader("ETag");
                        return header == null ? null : header.getValue();
                    });
            if (etag == null) {
                throw new KeboolaException("S3 UploadPart " + number + " of object " + key + " answered no ETag", null, null);
            }
            etags.put(number, etag);
        }

        @Override
        public void complete() {
            StringBuilder xml = new StringBuilder("<CompleteMultipartUpload>");
            etags.forEach((number, etag) -> xml.append("<Part><PartNumber>").append(number).append("</PartNumber><ETag>")
                    .append(etag.replace("&", "&amp;").replace("<", "&lt;")).append("</ETag></Part>"));
            byte[] body = xml.append("</CompleteMultipartUpload>").toString().getBytes(StandardCharsets.UTF_8);
            String what = "S3 CompleteMultipartUpload of object " + key;
            String answer = http.call(what, () -> request("POST", key, "uploadId=" + Urls.encode(uploadId), body, body.length, Map.of()),
                    response -> StorageHttp.bodyText(response));
            // S3 may answer 200 and report the failure in the body.
            if (answer != null && answer.contains("<Error>")) {
                Matcher code = Pattern.compile("<Code>([^<]*)</Code>").matcher(answer);
                throw new KeboolaException(what + " failed", 200, code.find() ? code.group(1) : null, null, null, null, null);
            }
        }

        @Override
        public void abort() {
            http.call("S3 AbortMultipartUpload of object " + key,
                    () -> request("DELETE", key, "uploadId=" + Urls.encode(uploadId), null, 0, Map.of()), r -> null, 404);
        }
    }
}
