package io.github.camelkeboola.tooling;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes generated text to a committed file, touching it only when its content changes. Under CI ({@code CI=true})
 * nothing is rewritten: a stale committed file stays as it is, so the tests that compare it with a fresh generation
 * fail instead of the build quietly fixing a file nobody commits.
 */
public final class GeneratedFile {

    private GeneratedFile() {
    }

    /** Brings {@code file} to {@code content} and says what it did, or only checks it under CI. */
    public static void update(Path file, String content) {
        boolean stale = !Files.exists(file) || !read(file).equals(content);
        if (!stale) {
            System.out.println("Up to date: " + file);
        } else if ("true".equals(System.getenv("CI"))) {
            System.out.println("Stale (CI=true: left as committed; its up-to-date test fails): " + file);
        } else {
            write(file, content);
            System.out.println("Generated " + file);
        }
    }

    private static void write(Path file, String content) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    /** The text of {@code file}. */
    public static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }
}
