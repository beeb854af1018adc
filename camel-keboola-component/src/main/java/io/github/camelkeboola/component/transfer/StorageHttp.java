package io.github.camelkeboola.component.transfer;

import io.github.camelkeboola.component.KeboolaException;
import io.github.camelkeboola.component.wire.LogSafeHttpClients;
import io.github.camelkeboola.component.wire.MaskedQueries;
import io.github.camelkeboola.component.wire.RetryDelays;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.function.Supplier;

/**
 * HTTP to the file storage: one pooled client, retries of what is safe to repeat, and failures turned into
 * {@link KeboolaException}s naming the HTTP status and the provider's error code. Every request handed in must be
 * idempotent (object PUTs, part uploads, GETs): that is what makes retrying it safe.
 */
final class StorageHttp implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(StorageHttp.class);
    private static final Set<Integer> RETRYABLE = Set.of(408, 429, 500, 502, 503, 504);

    private final CloseableHttpClient client;
    private final TransferSettings settings;

    StorageHttp(TransferSettings settings) {
        this.settings = settings;
        // Parallel slice downloads plus an upload's part in flight, all usually to one host.
        int connections = Math.max(8, settings.downloadParallelism() * 2 + 2);
        // never logs credentials (SigV4 authorization, session and bearer tokens, SAS signatures, presigned queries)
        this.client = LogSafeHttpClients.builder(settings.connectTimeout(), settings.requestTimeout(), connections)
                // Bytes must arrive as stored: a transparent gunzip would break Range offsets and our own gzip detection.
                // (GCS answers 308 to a resumable chunk: that is progress, not a redirect; redirects are off.)
                .disableContentCompression()
                .build();
    }

    TransferSettings settings() {
        return settings;
    }

    /**
     * Sends the request (rebuilt by {@code request} for every attempt, so signatures and dates are fresh) until it
     * gets an answer that is not a retryable failure, and returns that open response when its status is 2xx or one
     * of {@code alsoAccepted}. The caller closes it.
     *
     * @param what how a failure names this call, such as {@code "S3 GET of object exp/1.csv0000_part_00"}
     */
    ClassicHttpResponse execute(String what, Supplier<ClassicHttpRequest> request, int... alsoAccepted) {
        for (int attempt = 0; ; attempt++) {
            ClassicHttpResponse response;
            try {
                response = client.executeOpen(null, request.get(), null);
            } catch (InterruptedIOException e) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new KeboolaException(what + " was interrupted", null, e);
                }
                retryOrFail(what, attempt, e);
                continue;
            } catch (IOException e) {
                retryOrFail(what, attempt, e);
                continue;
            }
            int status = response.getCode();
            if (status / 100 == 2 || contains(alsoAccepted, status)) {
                return response;
            }
            KeboolaException failure = StorageError.of(what, response);
            long retryAfter = RetryDelays.retryAfterMillis(response);
            closeQuietly(response);
            if (!RETRYABLE.contains(status) || attempt >= settings.maxRetries()) {
                throw failure;
            }
            LOG.debug("{} failed with HTTP {}, retry {} of {}", what, status, attempt + 1, settings.maxRetries());
            pause(what, attempt + 1, retryAfter, failure);
        }
    }

    /** Like {@link #execute} for calls whose answer body is small: returns status, headers and body, response closed. */
    <T> T call(String what, Supplier<ClassicHttpRequest> request, ResponseReader<T> reader, int... alsoAccepted) {
        try (ClassicHttpResponse response = execute(what, request, alsoAccepted)) {
            T result = reader.read(response);
            EntityUtils.consume(response.getEntity());
            return result;
        } catch (IOException e) {
            throw new KeboolaException(what + " failed reading the answer: " + e.getMessage(), null, e);
        }
    }

    /** The (small) body of an answer as UTF-8 text; empty when there is none. */
    static String bodyText(ClassicHttpResponse response) throws IOException {
        if (response.getEntity() == null) {
            return "";
        }
        try (InputStream in = response.getEntity().getContent()) {
            return new String(in.readNBytes(16 * 1024 * 1024), StandardCharsets.UTF_8);
        }
    }

    /** Called after a network failure: pauses before the next attempt, or fails once retries are used up. */
    void retryOrFail(String what, int attempt, IOException e) {
        if (attempt >= settings.maxRetries()) {
            throw new KeboolaException(what + " failed after " + (attempt + 1) + " attempts: " + MaskedQueries.redact(e.toString()), null, e);
        }
        LOG.debug("{} failed ({}), retry {} of {}", what, e.toString(), attempt + 1, settings.maxRetries());
        pause(what, attempt + 1, 0, e);
    }

    private void pause(String what, int retry, long retryAfterMillis, Exception cause) {
        try {
            Thread.sleep(settings.backoff(retry, retryAfterMillis).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KeboolaException(what + " was interrupted while waiting to retry", null, cause);
        }
    }

    private static void closeQuietly(ClassicHttpResponse response) {
        try {
            response.close();
        } catch (IOException e) {
            LOG.trace("closing a failed response", e);
        }
    }

    private static boolean contains(int[] values, int value) {
        for (int v : values) {
            if (v == value) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FunctionalInterface
    interface ResponseReader<T> {
        T read(ClassicHttpResponse response) throws IOException;
    }
}
