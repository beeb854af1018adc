package io.github.camelkeboola.emulator.storage;

import io.github.camelkeboola.emulator.fault.FaultInjector;

import java.nio.file.Path;
import java.util.Locale;

/** Creates the file storage of a stack in the flavour of its provider. */
public final class FileStorages {

    private FileStorages() {
    }

    /**
     * A file storage (not yet started) keeping its objects under {@code baseDir}.
     *
     * @param provider {@code aws}, {@code azure} or {@code gcp}
     * @param baseDir  where objects live; the same directory after a restart gives the same objects
     * @param faults   faults with target {@link io.github.camelkeboola.emulator.fault.FaultTarget#FILE_STORAGE} apply to it
     */
    public static FileStorage create(String provider, Path baseDir, FaultInjector faults) {
        switch (provider == null ? "" : provider.toLowerCase(Locale.ROOT)) {
            case "aws":
                return new S3FileStorage(baseDir, faults);
            case "azure":
                return new AzureBlobFileStorage(baseDir, faults);
            case "gcp":
                return new GcsFileStorage(baseDir, faults);
            default:
                throw new IllegalArgumentException("Unknown file storage provider '" + provider + "': use aws, azure or gcp");
        }
    }
}
