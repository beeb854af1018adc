package io.github.camelkeboola.component.transfer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** Generated CSV for transfer tests: every value quoted, random enough that gzip cannot shrink it to nothing. */
final class TestData {

    private TestData() {
    }

    /** Rows {@code "id","name","payload"} numbered from {@code firstId}, no header. */
    static String rows(int firstId, int count, long seed) {
        Random random = new Random(seed);
        StringBuilder csv = new StringBuilder();
        for (int i = firstId; i < firstId + count; i++) {
            csv.append('"').append(i).append("\",\"name ").append(i).append(" \"\"quoted\"\", with comma\",\"")
                    .append(Long.toHexString(random.nextLong())).append(Long.toHexString(random.nextLong())).append("\"\n");
        }
        return csv.toString();
    }

    /** Rows {@code "id","blob"} whose blob is {@code payloadBytes} random bytes in base64: barely compressible. */
    static String randomRows(int count, int payloadBytes, long seed) {
        Random random = new Random(seed);
        byte[] payload = new byte[payloadBytes];
        StringBuilder csv = new StringBuilder();
        for (int i = 1; i <= count; i++) {
            random.nextBytes(payload);
            csv.append('"').append(i).append("\",\"").append(java.util.Base64.getEncoder().encodeToString(payload)).append("\"\n");
        }
        return csv.toString();
    }

    static byte[] gzip(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static String gunzip(byte[] data) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(data))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
