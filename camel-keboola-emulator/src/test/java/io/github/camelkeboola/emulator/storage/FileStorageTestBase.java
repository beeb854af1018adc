package io.github.camelkeboola.emulator.storage;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelkeboola.emulator.fault.FaultInjector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/** What the flavour tests share: a started storage of one provider in a fresh directory, and the file descriptions. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
abstract class FileStorageTestBase<S extends FileStorage> {

    static final ObjectMapper JSON = new ObjectMapper();
    static final byte[] CSV = "\"id\",\"name\"\n\"1\",\"a\"\n\"2\",\"b\"\n".getBytes(StandardCharsets.UTF_8);

    private final String provider;
    private final Class<S> type;

    @TempDir
    Path baseDir;

    final FaultInjector faults = new FaultInjector();
    S storage;

    FileStorageTestBase(String provider, Class<S> type) {
        this.provider = provider;
        this.type = type;
    }

    @BeforeEach
    void start() throws Exception {
        storage = type.cast(FileStorages.create(provider, baseDir, faults));
        storage.start();
    }

    @AfterEach
    void stop() {
        storage.close();
    }

    /** A new storage on the same directory, as after a restart of the emulator. */
    void restart() throws Exception {
        storage.close();
        start();
    }

    static StoredFile file(long id, boolean sliced, boolean encrypted) {
        return new StoredFile(id, "data.csv", "exp-15/1/files/2026/11/21/" + id + ".data.csv", sliced, encrypted, Instant.now());
    }

    ObjectNode prepare(StoredFile file) {
        ObjectNode resource = JSON.createObjectNode();
        storage.describeUpload(file, resource);
        return resource;
    }

    ObjectNode detail(StoredFile file) {
        ObjectNode resource = JSON.createObjectNode();
        storage.describeDownload(file, resource, true);
        return resource;
    }

    void serverWrite(String key, byte[] content) throws Exception {
        try (OutputStream out = storage.write(key)) {
            out.write(content);
        }
    }
}
