package io.github.camelkeboola.component.transfer;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelkeboola.component.KeboolaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Supplier;

/**
 * The object store one file is read from, with the credentials of its detail, renewed when the store refuses them.
 * They expire (GCS access tokens after an hour, contract §8; AWS and Azure ones after hours), and an export read
 * slowly by its route can outlive them: the file's detail fetched again ({@code GET files/{id}?federationToken=1})
 * gives new ones, and the download goes on from the byte it reached. Downloads that fail on the same credentials
 * share one renewal. Without a way to fetch the detail (null), a refusal fails the download.
 */
final class DownloadStore {

    private static final Logger LOG = LoggerFactory.getLogger(DownloadStore.class);

    private final Supplier<JsonNode> freshDetail;
    private final StorageHttp http;
    private volatile ObjectStore current;

    DownloadStore(ObjectStore first, Supplier<JsonNode> freshDetail, StorageHttp http) {
        this.current = first;
        this.freshDetail = freshDetail;
        this.http = http;
    }

    ObjectStore current() {
        return current;
    }

    /**
     * The store to try again with after {@code refused} answered {@code failure}: renewed credentials when the
     * failure says the credentials were refused, else null (the failure stands).
     */
    synchronized ObjectStore after(ObjectStore refused, KeboolaException failure, String what) {
        if (!refusedCredentials(failure)) {
            return null;
        }
        if (current != refused) {
            return current; // another download renewed them meanwhile
        }
        if (freshDetail == null) {
            return null;
        }
        LOG.info("{} refused the file's credentials ({}): fetching new ones and going on", what, failure.getMessage());
        current = ObjectStores.forDownload(freshDetail.get(), http).store();
        return current;
    }

    /** 401, 403, or S3's 400 {@code ExpiredToken}: what the stores answer to credentials that expired or were revoked. */
    static boolean refusedCredentials(KeboolaException failure) {
        int status = failure.getHttpResponseCode();
        return status == 401 || status == 403 || status == 400 && "ExpiredToken".equals(failure.getErrorCode());
    }
}
