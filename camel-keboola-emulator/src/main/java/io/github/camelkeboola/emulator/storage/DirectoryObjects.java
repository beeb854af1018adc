package io.github.camelkeboola.emulator.storage;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Objects of one container as plain files in a directory, one file per key (the key URL-encoded into a flat
 * file name, so keys that are prefixes of each other never clash). Writes are staged and moved into place.
 */
final class DirectoryObjects {

    private final Path dir;
    private final Path staging;

    DirectoryObjects(Path dir, Path staging) {
        this.dir = dir;
        this.staging = staging;
    }

    void create() throws IOException {
        Files.createDirectories(dir);
        Files.createDirectories(staging);
    }

    Path staging() {
        return staging;
    }

    private Path path(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("Empty object key");
        }
        return dir.resolve(URLEncoder.encode(key, StandardCharsets.UTF_8));
    }

    boolean exists(String key) {
        return Files.isRegularFile(path(key));
    }

    long size(String key) throws IOException {
        try {
            return Files.size(path(key));
        } catch (NoSuchFileException e) {
            throw new FileNotFoundException(key);
        }
    }

    Instant lastModified(String key) throws IOException {
        try {
            return Files.getLastModifiedTime(path(key)).toInstant();
        } catch (NoSuchFileException e) {
            throw new FileNotFoundException(key);
        }
    }

    /** A quoted entity tag that changes whenever the object is replaced. */
    String etag(String key) throws IOException {
        Path path = path(key);
        try {
            return "\"0x" + Long.toHexString(Files.getLastModifiedTime(path).toMillis()).toUpperCase()
                    + Long.toHexString(Files.size(path)).toUpperCase() + "\"";
        } catch (NoSuchFileException e) {
            throw new FileNotFoundException(key);
        }
    }

    InputStream read(String key) throws IOException {
        try {
            return Files.newInputStream(path(key));
        } catch (NoSuchFileException e) {
            throw new FileNotFoundException(key);
        }
    }

    /** The bytes {@code [start, start + length)} of an object. */
    InputStream read(String key, long start, long length) throws IOException {
        InputStream in = read(key);
        in.skipNBytes(start);
        return new BoundedInputStream(in, length);
    }

    OutputStream write(String key) throws IOException {
        return StagedOutputStream.create(staging, staged -> commit(staged, key));
    }

    /** Makes a finished staged file the object {@code key}, replacing it atomically. */
    void commit(Path staged, String key) throws IOException {
        Files.move(staged, path(key), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    boolean delete(String key) throws IOException {
        return Files.deleteIfExists(path(key));
    }

    /** Removes every object and the directory itself. */
    void deleteAll() throws IOException {
        for (String key : list("")) {
            delete(key);
        }
        Files.deleteIfExists(dir);
    }

    /** Keys starting with {@code prefix}, sorted. */
    List<String> list(String prefix) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> URLDecoder.decode(p.getFileName().toString(), StandardCharsets.UTF_8))
                    .filter(key -> key.startsWith(prefix))
                    .sorted()
                    .collect(Collectors.toList());
        }
    }

    /** Limits a stream to its first {@code limit} bytes. */
    private static final class BoundedInputStream extends java.io.FilterInputStream {
        private long left;

        BoundedInputStream(InputStream in, long limit) {
            super(in);
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = super.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = super.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }
    }
}
