package io.github.camelkeboola.component.transfer;

import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;

/**
 * One bucket (S3, GCS) or container (Azure) of the file storage, reached with the credentials the Storage API handed
 * out for one file. Keys are object keys (S3, GCS) or blob names (Azure) inside it.
 */
interface ObjectStore {

    /** {@code S3}, {@code Azure Blob} or {@code GCS}: how failures name the storage. */
    String name();

    /** The part size this store uploads with, given the size asked for (GCS needs multiples of 256 KiB). */
    default int partSize(int requested) {
        return requested;
    }

    /** Stores a whole object in one request. */
    void put(String key, byte[] data, int length);

    /** Starts an upload in parts of one object. */
    MultipartUpload startMultipart(String key);

    /**
     * Opens the object from byte {@code from} on ({@code Range: bytes=from-} when from &gt; 0). Answers 200 or 206;
     * 416 when {@code from} is at the end. The caller closes the response.
     */
    ClassicHttpResponse open(String key, long from);

    /** How manifest entries of slices under {@code key} start: {@code s3://bucket/key} and the like (for messages). */
    String entryUrlPrefix(String key);

    /** The key a manifest entry names when it lies in this bucket or container, else null. */
    String keyOfEntry(String entryUrl);

    /** The key after {@code scheme://bucket/} of an {@code s3://} or {@code gs://} entry in {@code bucket}, else null. */
    static String keyAfter(String scheme, String bucket, String entryUrl) {
        String prefix = scheme + "://" + bucket + "/";
        return entryUrl.startsWith(prefix) ? entryUrl.substring(prefix.length()) : null;
    }

    /** An upload in parts. Parts are numbered from 1 and may be sent again (a retry) with the same number. */
    interface MultipartUpload {

        /** Uploads part {@code number}; {@code last} marks the final part (GCS must know it). */
        void uploadPart(int number, byte[] data, int length, boolean last);

        void complete();

        /** Best effort: drops what was uploaded so far. */
        void abort();
    }

    /** A GET that resumes at byte {@code from} (0: the whole object), as every provider reads a cut download on. */
    static ClassicHttpRequest fromByte(ClassicHttpRequest request, long from) {
        if (from > 0) {
            request.setHeader("Range", "bytes=" + from + "-");
        }
        return request;
    }
}
