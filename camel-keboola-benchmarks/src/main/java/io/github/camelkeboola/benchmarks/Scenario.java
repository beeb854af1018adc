package io.github.camelkeboola.benchmarks;

/** One measured run, in a JVM of its own: moves {@code bytes} of CSV into or out of the emulated stack. */
interface Scenario {

    String BUCKET = "in.c-bench";

    /** The stack to talk to; the token comes from the environment, never from the command line. */
    record Stack(String url, String token) {
    }

    /** What a run moved: CSV bytes (header included) and the Storage job that ran, for its server-side duration. */
    record Moved(long csvBytes, long jobId) {
    }

    Moved run(Stack stack, long bytes) throws Exception;
}
