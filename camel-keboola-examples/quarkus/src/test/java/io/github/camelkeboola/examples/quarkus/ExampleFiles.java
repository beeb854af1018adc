package io.github.camelkeboola.examples.quarkus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The example's inbox and outbox as its tests see them. */
final class ExampleFiles {

    private ExampleFiles() {
    }

    /** Writes a CSV next to the inbox and moves it in whole, so the file route never reads half a file. */
    static void drop(Path inbox, String name, String csv) throws IOException {
        Files.createDirectories(inbox);
        Path partial = Files.writeString(inbox.resolve(name + ".partial"), csv);
        Files.move(partial, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    static void clear(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    /** The lines of the first file in the directory that has the given line. */
    static Optional<List<String>> find(Path dir, String line) throws IOException {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                List<String> lines = Files.readAllLines(file);
                if (lines.contains(line)) {
                    return Optional.of(lines);
                }
            }
        }
        return Optional.empty();
    }
}
