package io.github.camelkeboola.emulator.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelkeboola.emulator.db.FileRecord;
import io.github.camelkeboola.emulator.jobs.JobFailedException;
import io.github.camelkeboola.emulator.storage.FileStorage;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/** The content of an uploaded file as parts: the file itself, or the slices its manifest lists. */
final class FileParts {

    private FileParts() {
    }

    static List<CsvInput.Part> of(FileStorage storage, FileRecord file) throws IOException {
        if (!file.sliced) {
            if (!storage.exists(file.objectKey)) {
                throw new JobFailedException("storage.fileNotUploaded", "File " + file.id + " (" + file.name
                        + ") has not been uploaded to file storage.");
            }
            return List.of(() -> storage.read(file.objectKey));
        }
        String manifestKey = file.stored().manifestKey();
        if (!storage.exists(manifestKey)) {
            throw new JobFailedException("storage.manifestFileMissing", "Manifest of the sliced file " + file.id
                    + " is missing (expected at " + manifestKey + ").");
        }
        JsonNode manifest;
        try (InputStream in = storage.read(manifestKey)) {
            manifest = Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new JobFailedException("storage.manifestFileInvalid", "Manifest of the sliced file " + file.id
                    + " is not valid JSON: " + e.getMessage());
        }
        List<CsvInput.Part> parts = new ArrayList<>();
        for (JsonNode entry : manifest.path("entries")) {
            String url = entry.path("url").asText();
            String key;
            try {
                key = storage.objectKey(url);
            } catch (IllegalArgumentException e) {
                throw new JobFailedException("storage.importFileMissing", "Slice " + url + " of file " + file.id
                        + " is outside the file storage: " + e.getMessage());
            }
            if (!key.startsWith(file.objectKey)) {
                // a manifest may list only slices of its own file (PHP-T SlicedImportsTest::testUnauthorizedAccessInManifestFile)
                throw new JobFailedException("storage.unauthorizedAccess", "Slice " + url + " of file " + file.id
                        + " is not part of the file.");
            }
            if (!storage.exists(key)) {
                throw new JobFailedException("storage.importFileMissing", "Slice " + url + " of file " + file.id
                        + " does not exist.");
            }
            parts.add(() -> storage.read(key));
        }
        return parts;
    }
}
