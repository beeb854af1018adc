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
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Objects of one container as plain files in a directory, one file per key (the key URL-encoded into a flat
 * file name, so keys that are prefixes of each other never clash). A key too long for a file name is stored
 * under {@code ~<sha256>}, with its key in {@code ~<sha256>.key} beside it ({@code ~} never starts an encoded key).
 * Writes are staged and moved into place.
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

    private static final int MAX_FILE_NAME = 200;
    private static final String HASHED = "~";
    private static final String KEY_SUFFIX = ".key";

    private Path path(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("Empty object key");
        }
        String encoded = URLEncoder.encode(key, StandardCharsets.UTF_8);
        return dir.resolve(encoded.length() <= MAX_FILE_NAME ? encoded : HASHED + sha256(key));
    }

    private static String sha256(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path keyFile(Path object) {
        return object.resolveSibling(object.getFileName() + KEY_SUFFIX);
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
        Path path = path(key);
        if (path.getFileName().toString().startsWith(HASHED)) {
            Files.writeString(keyFile(path), key, StandardCharsets.UTF_8);
        }
        Files.move(staged, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    boolean delete(String key) throws IOException {
        Path path = path(key);
        boolean deleted = Files.deleteIfExists(path);
        Files.deleteIfExists(keyFile(path));
        return deleted;
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
        List<String> keys = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                if (!name.startsWith(HASHED)) {
                    keys.add(URLDecoder.decode(name, StandardCharsets.UTF_8));
                } else if (!name.endsWith(KEY_SUFFIX) && Files.exists(keyFile(file))) {
                    keys.add(Files.readString(keyFile(file), StandardCharsets.UTF_8));
                }
            }
        }
        return keys.stream().filter(key -> key.startsWith(prefix)).sorted().collect(Collectors.toList());
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
