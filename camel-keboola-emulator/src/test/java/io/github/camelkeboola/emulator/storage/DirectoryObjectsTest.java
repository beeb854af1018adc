package io.github.camelkeboola.emulator.storage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DirectoryObjectsTest {

    @TempDir
    Path dir;

    private DirectoryObjects objects() throws Exception {
        DirectoryObjects objects = new DirectoryObjects(dir.resolve("objects"), dir.resolve("staging"));
        objects.create();
        return objects;
    }

    private static void put(DirectoryObjects objects, String key, String content) throws Exception {
        try (OutputStream out = objects.write(key)) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void keysThatArePrefixesOfEachOtherAndKeysTooLongForAFileName() throws Exception {
        DirectoryObjects objects = objects();
        String base = "exp-15/1/files/2026/11/21/7." + "n".repeat(300) + ".csv";
        put(objects, base, "whole");
        put(objects, base + "manifest", "manifest");
        put(objects, base + "0000_part_00", "slice");
        put(objects, "exp-15/1/other.csv", "other");

        assertEquals(List.of(base, base + "0000_part_00", base + "manifest"), objects.list("exp-15/1/files/"));
        assertArrayEquals("slice".getBytes(StandardCharsets.UTF_8), objects.read(base + "0000_part_00").readAllBytes());
        assertEquals(5, objects.size(base));
        assertEquals("ice", new String(objects.read(base + "0000_part_00", 2, 3).readAllBytes(), StandardCharsets.UTF_8));

        assertTrue(objects.delete(base + "manifest"));
        assertFalse(objects.exists(base + "manifest"));
        assertEquals(List.of(base, base + "0000_part_00", "exp-15/1/other.csv"), objects.list(""));
        try (var files = Files.list(dir.resolve("staging"))) {
            assertEquals(0, files.count(), "no staged file is left behind");
        }
    }
}
