package io.github.camelkeboola.emulator.storage;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes to a temporary file and hands it over when closed, so an object only becomes visible complete,
 * and nothing of it is held in memory.
 */
final class StagedOutputStream extends FilterOutputStream {

    /** Makes the finished temporary file the object (by moving or copying it). */
    interface Commit {
        void commit(Path staged) throws IOException;
    }

    private final Path staged;
    private final Commit commit;
    private boolean closed;

    private StagedOutputStream(Path staged, OutputStream out, Commit commit) {
        super(out);
        this.staged = staged;
        this.commit = commit;
    }

    static StagedOutputStream create(Path stagingDir, Commit commit) throws IOException {
        Files.createDirectories(stagingDir);
        Path staged = Files.createTempFile(stagingDir, "upload-", ".part");
        return new StagedOutputStream(staged, new BufferedOutputStream(Files.newOutputStream(staged), 64 * 1024), commit);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            super.close();
            commit.commit(staged);
        } finally {
            Files.deleteIfExists(staged);
        }
    }
}
