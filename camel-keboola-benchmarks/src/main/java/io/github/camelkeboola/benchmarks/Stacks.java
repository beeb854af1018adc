package io.github.camelkeboola.benchmarks;

import io.github.camelkeboola.component.KeboolaConfiguration;
import io.github.camelkeboola.component.api.HttpStorageApi;

import java.net.URI;

/** Helpers shared by the scenarios. */
final class Stacks {

    /**
     * Jobs are polled at most this far apart (ms), in both the component and the baseline: with the default 20 s the
     * moment a client notices a finished job would blur the client-side times by up to 20 s.
     */
    static final long POLL_MAX_MILLIS = 250;

    private Stacks() {
    }

    static HttpStorageApi api(Scenario.Stack stack) {
        KeboolaConfiguration cfg = new KeboolaConfiguration();
        cfg.setStackUrl(stack.url());
        cfg.setToken(stack.token());
        cfg.setJobPollMaxInterval(POLL_MAX_MILLIS);
        return new HttpStorageApi(cfg);
    }

    /** The {@code keboola:} URI options that point at the stack; the token stays raw so Camel does not decode it. */
    static String endpointOptions(Scenario.Stack stack) {
        return "stackUrl=" + stack.url() + "&token=RAW(" + stack.token() + ")&jobPollMaxInterval=" + POLL_MAX_MILLIS;
    }

    static String origin(String url) {
        URI uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
    }
}
