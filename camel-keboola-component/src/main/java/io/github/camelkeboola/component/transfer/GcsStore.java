package io.github.camelkeboola.component.transfer;

import io.github.camelkeboola.component.KeboolaException;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.message.BasicClassicHttpRequest;

import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Google Cloud Storage over its JSON API, authorised by the file's OAuth access token ({@code Authorization: Bearer}). */
final class GcsStore implements ObjectStore {

    /** Chunks of a resumable upload, except the last, must be multiples of this. */
    static final int CHUNK_GRANULARITY = 256 * 1024;
    private static final Pattern STORED_RANGE = Pattern.compile("bytes=0-(\\d+)");

    private final StorageHttp http;
    private final String origin;
    private final String bucket;
    private final String accessToken;

    GcsStore(StorageHttp http, String origin, String bucket, String accessToken) {
        this.http = http;
        this.origin = origin.endsWith("/") ? origin.substring(0, origin.length() - 1) : origin;
        this.bucket = bucket;
        this.accessToken = accessToken;
    }

    @Override
    public String name() {
        return "GCS";
    }

    @Override
    public int partSize(int requested) {
        return Math.max(CHUNK_GRANULARITY, requested / CHUNK_GRANULARITY * CHUNK_GRANULARITY);
    }

    @Override
    public void put(String key, byte[] data, int length) {
        http.call("GCS media upload of object " + key,
                () -> request("POST", uploadUrl("media", key), data, length), r -> null);
    }

    @Override
    public MultipartUpload startMultipart(String key) {
        String session = http.call("GCS resumable upload start of object " + key,
                () -> request("POST", uploadUrl("resumable", key), new byte[0], 0),
                response -> {
                    Header location = response.getFirstHeader("Location");
                    return location == null ? null : location.getValue();
                });
        if (session == null) {
            throw new KeboolaException("GCS resumable upload start of object " + key + " answered no session (Location)", null, null);
        }
        return new MultipartUpload() {
            private long offset;
            private boolean finished;

            @Override
            public void uploadPart(int number, byte[] data, int length, boolean last) {
                long start = offset;
                long end = start + length;
                long persisted = start;
                for (int stalled = 0; persisted < end; ) {
                    long from = persisted;
                    int skip = (int) (from - start);
                    String range = "bytes " + from + "-" + (end - 1) + "/" + (last ? String.valueOf(end) : "*");
                    // 308 "Resume Incomplete" acknowledges a chunk that is not the last one, with the Range GCS stored:
                    // that may end before the chunk does, and the rest is sent again from there.
                    long stored = http.call("GCS resumable upload chunk " + number + " of object " + key, () -> {
                        ClassicHttpRequest request = request("PUT", session, data, skip, length - skip);
                        request.setHeader("Content-Range", range);
                        return request;
                    }, response -> response.getCode() == 308 ? persistedEnd(response) : end, 308);
                    if (stored < start || stored > end) {
                        throw new KeboolaException("GCS resumable upload of " + key + " reports bytes 0-" + (stored - 1)
                                + " stored, outside chunk " + number + " (bytes " + start + "-" + (end - 1) + ")", null, null);
                    }
                    stalled = stored > persisted ? 0 : stalled + 1;
                    if (stalled > http.settings().maxRetries()) {
                        throw new KeboolaException("GCS resumable upload of " + key + " stores nothing more of chunk " + number
                                + " after byte " + persisted + " (" + stalled + " attempts)", null, null);
                    }
                    persisted = stored;
                }
                offset = end;
                finished = last;
            }

            @Override
            public void complete() {
                if (!finished) {
                    throw new IllegalStateException("GCS resumable upload of " + key + " completed without its last chunk");
                }
            }

            @Override
            public void abort() {
                // GCS answers 499 to a cancelled session.
                http.call("GCS resumable upload cancel of object " + key, () -> request("DELETE", session, null, 0), r -> null, 499, 404);
            }
        };
    }

    /** The end (exclusive) of what a 308 says is stored: its {@code Range: bytes=0-N}; none stored without one. */
    private static long persistedEnd(ClassicHttpResponse response) {
        Header range = response.getFirstHeader("Range");
        if (range == null) {
            return 0;
        }
        Matcher m = STORED_RANGE.matcher(range.getValue());
        if (!m.find()) {
            throw new KeboolaException("GCS answered an unreadable Range to a resumable chunk: " + range.getValue(), 308, null, null, null, null, null);
        }
        return Long.parseLong(m.group(1)) + 1;
    }

    @Override
    public ClassicHttpResponse open(String key, long from) {
        String url = origin + "/storage/v1/b/" + Urls.encode(bucket) + "/o/" + Urls.encode(key) + "?alt=media";
        return http.execute("GCS download of object " + key, () -> ObjectStore.fromByte(request("GET", url, null, 0), from), 416);
    }

    @Override
    public String entryUrlPrefix(String key) {
        return "gs://" + bucket + "/" + key;
    }

    @Override
    public String keyOfEntry(String entryUrl) {
        return ObjectStore.keyAfter("gs", bucket, entryUrl);
    }

    private String uploadUrl(String uploadType, String key) {
        return origin + "/upload/storage/v1/b/" + Urls.encode(bucket) + "/o?uploadType=" + uploadType + "&name=" + Urls.encode(key);
    }

    private ClassicHttpRequest request(String method, String url, byte[] body, int length) {
        return request(method, url, body, 0, length);
    }

    private ClassicHttpRequest request(String method, String url, byte[] body, int offset, int length) {
        BasicClassicHttpRequest request = new BasicClassicHttpRequest(method, URI.create(url));
        request.setHeader("Authorization", "Bearer " + accessToken);
        if (body != null) {
            request.setEntity(new ByteArrayEntity(body, offset, length, null));
        }
        return request;
    }
}
