package io.github.camelkeboola.benchmarks;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** One measured run, in a JVM of its own: moves {@code bytes} of CSV into or out of the emulated stack. */
interface Scenario {

    String BUCKET = "in.c-bench";
    /** The table every export reads: the one the limit import created. */
    String EXPORTED_TABLE = BUCKET + ".limit";

    /** The stack to talk to; the token comes from the environment, never from the command line. */
    record Stack(String url, String token) {
    }

    /**
     * What a run moved: CSV bytes (header included), their line digest (see {@link Sink}; 0 unless verifying) and
     * the Storage job that ran, for its server-side duration.
     */
    record Moved(long csvBytes, long digest, long jobId) {
    }

    /** Untimed set-up before {@link #run} (e.g. the CSV file an import reads); the sink sees what it makes. */
    default void prepare(Stack stack, long bytes, Sink sink) throws Exception {
    }

    Moved run(Stack stack, long bytes, Sink sink) throws Exception;

    /** Adds what else the report shows of this run (how many slices, parts) to its result. */
    default void describe(ObjectNode result) {
    }

    /** The table an import contender creates. */
    static String importTable(String scenario) {
        return scenario.replace("-import", "").replace('-', '_');
    }
}
