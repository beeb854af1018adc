package io.github.camelkeboola.component;

import io.github.camelkeboola.component.api.HttpStorageApi;
import io.github.camelkeboola.component.api.StorageApi;
import io.github.camelkeboola.component.transfer.FileTransfer;
import org.apache.camel.util.IOHelper;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Storage API clients and file transfers of one component, shared by its endpoints that connect alike: a route
 * that reaches many tables through {@code toD} gets many endpoints, not many connection pools and thread pools.
 * Closed when the component stops.
 */
final class SharedClients implements AutoCloseable {

    /** What an API client is made of. Holds the token, so it must never be printed. */
    private record ApiKey(String stackUrl, String token, long connectTimeout, long requestTimeout, int maxRetries,
                          long retryInitialDelay, long retryMaxDelay, long jobPollMaxInterval) {
        @Override
        public String toString() {
            return "ApiKey[" + stackUrl + "]";
        }
    }

    /** What a file transfer is made of (it never gets the token). */
    private record TransferKey(long connectTimeout, long requestTimeout, int maxRetries, long retryInitialDelay,
                               long retryMaxDelay, int uploadPartSize, int downloadParallelism, String fileStorageEndpoint) {
    }

    private final Map<ApiKey, StorageApi> apis = new ConcurrentHashMap<>();
    private final Map<TransferKey, FileTransfer> transfers = new ConcurrentHashMap<>();

    StorageApi storageApi(KeboolaConfiguration c) {
        ApiKey key = new ApiKey(c.getStackUrl(), c.getToken(), c.getConnectTimeout(), c.getRequestTimeout(), c.getMaxRetries(),
                c.getRetryInitialDelay(), c.getRetryMaxDelay(), c.getJobPollMaxInterval());
        return apis.computeIfAbsent(key, k -> new HttpStorageApi(c));
    }

    FileTransfer fileTransfer(KeboolaConfiguration c) {
        TransferKey key = new TransferKey(c.getConnectTimeout(), c.getRequestTimeout(), c.getMaxRetries(), c.getRetryInitialDelay(),
                c.getRetryMaxDelay(), c.getUploadPartSize(), c.getDownloadParallelism(), c.getFileStorageEndpoint());
        return transfers.computeIfAbsent(key, k -> FileTransfer.create(c));
    }

    @Override
    public void close() {
        apis.values().forEach(IOHelper::close);
        transfers.values().forEach(IOHelper::close);
        apis.clear();
        transfers.clear();
    }
}
