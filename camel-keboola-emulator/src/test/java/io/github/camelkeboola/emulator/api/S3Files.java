package io.github.camelkeboola.emulator.api;

import com.fasterxml.jackson.databind.JsonNode;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** Uploads and downloads Storage files the way Keboola's clients do for {@code provider: aws}: the AWS SDK with handed-out credentials. */
public final class S3Files {

    private S3Files() {
    }

    public static S3Client client(String url, JsonNode credentials) {
        return S3Client.builder()
                .endpointOverride(URI.create(url).resolve("/"))
                .forcePathStyle(true)
                .region(Region.US_EAST_1)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .credentialsProvider(StaticCredentialsProvider.create(AwsSessionCredentials.create(
                        credentials.path("AccessKeyId").asText(), credentials.path("SecretAccessKey").asText(),
                        credentials.path("SessionToken").asText())))
                .build();
    }

    /** Uploads {@code content} to a prepared (not sliced) file, or to {@code key + suffix} for a slice. */
    public static void upload(JsonNode prepared, String suffix, byte[] content) {
        JsonNode params = prepared.get("uploadParams");
        try (S3Client s3 = client(prepared.get("url").asText(), params.get("credentials"))) {
            PutObjectRequest.Builder put = PutObjectRequest.builder()
                    .bucket(params.get("bucket").asText())
                    .key(params.get("key").asText() + suffix);
            if (params.has("x-amz-server-side-encryption")) {
                put.serverSideEncryption(ServerSideEncryption.AES256);
            }
            s3.putObject(put.build(), RequestBody.fromBytes(content));
        }
    }

    /** The slices of a sliced file (from its detail with federationToken), in manifest order, raw bytes. */
    public static List<byte[]> slices(JsonNode detail) {
        JsonNode s3Path = detail.get("s3Path");
        try (S3Client s3 = client(detail.get("url").asText(), detail.get("credentials"))) {
            JsonNode manifest = ApiClient.MAPPER.readTree(s3.getObjectAsBytes(b -> b.bucket(s3Path.get("bucket").asText())
                    .key(s3Path.get("key").asText() + "manifest")).asByteArray());
            List<byte[]> slices = new ArrayList<>();
            String prefix = "s3://" + s3Path.get("bucket").asText() + "/";
            for (JsonNode entry : manifest.get("entries")) {
                String url = entry.get("url").asText();
                if (!url.startsWith(prefix + s3Path.get("key").asText())) {
                    throw new AssertionError("Manifest entry " + url + " is outside the file " + s3Path);
                }
                slices.add(s3.getObjectAsBytes(b -> b.bucket(s3Path.get("bucket").asText())
                        .key(url.substring(prefix.length()))).asByteArray());
            }
            return slices;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Downloads a file that is not sliced. */
    public static byte[] object(JsonNode detail) {
        JsonNode s3Path = detail.get("s3Path");
        try (S3Client s3 = client(detail.get("url").asText(), detail.get("credentials"))) {
            return s3.getObjectAsBytes(b -> b.bucket(s3Path.get("bucket").asText()).key(s3Path.get("key").asText())).asByteArray();
        }
    }

    public record SliceStats(int slices, long lines, long bytes) {
    }

    /** Streams every slice (gunzipping) and counts lines, without holding a slice in memory. */
    public static SliceStats countLines(JsonNode detail) throws IOException {
        JsonNode s3Path = detail.get("s3Path");
        String bucket = s3Path.get("bucket").asText();
        try (S3Client s3 = client(detail.get("url").asText(), detail.get("credentials"))) {
            JsonNode manifest = ApiClient.MAPPER.readTree(s3.getObjectAsBytes(b -> b.bucket(bucket)
                    .key(s3Path.get("key").asText() + "manifest")).asByteArray());
            long lines = 0;
            long bytes = 0;
            for (JsonNode entry : manifest.get("entries")) {
                String key = entry.get("url").asText().substring(("s3://" + bucket + "/").length());
                try (InputStream raw = s3.getObject(b -> b.bucket(bucket).key(key));
                     java.io.BufferedInputStream buffered = new java.io.BufferedInputStream(raw, 1 << 16)) {
                    buffered.mark(2);
                    boolean gz = buffered.read() == 0x1f && buffered.read() == 0x8b;
                    buffered.reset();
                    InputStream in = gz ? new GZIPInputStream(buffered, 1 << 16) : buffered;
                    byte[] buffer = new byte[1 << 16];
                    for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                        bytes += n;
                        for (int i = 0; i < n; i++) {
                            if (buffer[i] == '\n') {
                                lines++;
                            }
                        }
                    }
                }
            }
            return new SliceStats(manifest.get("entries").size(), lines, bytes);
        }
    }

    /** Downloads and concatenates all slices, gunzipping each that is gzip. */
    public static String content(JsonNode detail) {
        StringBuilder out = new StringBuilder();
        for (byte[] slice : slices(detail)) {
            out.append(text(slice));
        }
        return out.toString();
    }

    public static String text(byte[] bytes) {
        try {
            InputStream in = new ByteArrayInputStream(bytes);
            if (bytes.length >= 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b) {
                in = new GZIPInputStream(in);
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static boolean isGzip(byte[] bytes) {
        return bytes.length >= 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b;
    }
}
