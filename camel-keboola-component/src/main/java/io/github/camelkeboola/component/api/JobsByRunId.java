package io.github.camelkeboola.component.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelkeboola.component.KeboolaOutcomeUnknownException;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Finds the job a call created from the {@code X-KBC-RunId} it carried.
 * <p>
 * What the Storage API offers for it:
 * <ul>
 * <li>{@code X-KBC-RunId} is stored as the created job's {@code runId} (keboola/storage-api-php-client
 *     {@code apiary.apib}, "HTTP headers"; its functional tests read it back, {@code tests/Backend/CommonPart1/TableExporterTest.php}
 *     at dce278b7; contract §0, §9).</li>
 * <li>{@code GET jobs} has no runId filter: only {@code limit} (default 100), {@code offset},
 *     {@code storage_job_status} and created/start/end time bounds ({@code apiary.apib}, "Jobs list"). The PHP
 *     client's tests find a run's jobs by listing and filtering on {@code runId} themselves
 *     ({@code tests/StorageApiTestCase.php} {@code listJobsByRunId()}); so does this class. The Python client's
 *     {@code Jobs.list()} takes no filter at all; only its {@code Files.list()} has {@code run_id}
 *     (keboola/sapi-python-client {@code kbcstorage/jobs.py}, {@code kbcstorage/files.py}).</li>
 * <li>The list is newest first: those tests take {@code listJobs()[0]} as the job just started
 *     ({@code tests/Backend/FileWorkspace/WorkspacesTest.php}).</li>
 * </ul>
 * The time bounds are not used (their format and time zone are not documented): pages are read newest first
 * until one reaches jobs created well before the call was first sent.
 */
final class JobsByRunId {

    static final int PAGE_SIZE = 100;
    static final int MAX_PAGES = 10;
    /** A job created this long before the call was sent is not its job; the margin covers clock skew. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(15);

    private JobsByRunId() {
    }

    static Optional<JsonNode> find(StorageApi api, String runId, Instant sentAt) {
        long createdBefore = sentAt.minus(CLOCK_SKEW).getEpochSecond();
        for (int page = 0; page < MAX_PAGES; page++) {
            JsonNode jobs = api.listJobs(PAGE_SIZE, page * PAGE_SIZE);
            boolean reachedOlderJobs = false;
            for (JsonNode job : jobs) {
                if (runId.equals(job.path("runId").asText(null))) {
                    return Optional.of(job);
                }
                Long created = createdTime(job);
                reachedOlderJobs |= created != null && created < createdBefore;
            }
            if (jobs.size() < PAGE_SIZE || reachedOlderJobs) {
                return Optional.empty();
            }
        }
        throw new KeboolaOutcomeUnknownException("No job with runId " + runId + " among the newest "
                + PAGE_SIZE * MAX_PAGES + " jobs, all created since the call was sent: whether it created one cannot be told",
                0, null, null, null);
    }

    private static Long createdTime(JsonNode job) {
        try {
            return ChangeTimes.toEpochSeconds(job.path("createdTime").asText(null), Instant.now());
        } catch (IllegalArgumentException unreadable) {
            return null;
        }
    }
}
