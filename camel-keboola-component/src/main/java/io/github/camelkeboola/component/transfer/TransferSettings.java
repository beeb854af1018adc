package io.github.camelkeboola.component.transfer;

import io.github.camelkeboola.component.KeboolaConfiguration;
import io.github.camelkeboola.component.wire.RetryDelays;

import java.time.Duration;

/**
 * The options the transfer layer uses, copied out of a {@link KeboolaConfiguration} so that the transfer layer
 * never holds (and so can never send) the Storage token.
 */
record TransferSettings(Duration connectTimeout, Duration requestTimeout, int uploadPartSize, int downloadParallelism,
                        String fileStorageEndpoint, int maxRetries, Duration retryInitialDelay, Duration retryMaxDelay) {

    TransferSettings {
        if (uploadPartSize <= 0) {
            throw new IllegalArgumentException("uploadPartSize must be positive: " + uploadPartSize);
        }
        if (downloadParallelism <= 0) {
            throw new IllegalArgumentException("downloadParallelism must be positive: " + downloadParallelism);
        }
    }

    static TransferSettings from(KeboolaConfiguration cfg) {
        String endpoint = cfg.getFileStorageEndpoint();
        return new TransferSettings(Duration.ofMillis(cfg.getConnectTimeout()), Duration.ofMillis(cfg.getRequestTimeout()),
                cfg.getUploadPartSize(), cfg.getDownloadParallelism(),
                endpoint == null || endpoint.isBlank() ? null : endpoint.strip(),
                Math.max(0, cfg.getMaxRetries()), Duration.ofMillis(cfg.getRetryInitialDelay()),
                Duration.ofMillis(cfg.getRetryMaxDelay()));
    }

    /** Pause before retry number {@code attempt} (1-based): doubles from the initial delay up to the maximum, with jitter. */
    Duration backoff(int attempt, long retryAfterMillis) {
        return Duration.ofMillis(new RetryDelays(retryInitialDelay.toMillis(), retryMaxDelay.toMillis()).before(attempt, retryAfterMillis));
    }
}
