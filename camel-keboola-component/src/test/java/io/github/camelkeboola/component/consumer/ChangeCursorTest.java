package io.github.camelkeboola.component.consumer;

import org.apache.camel.support.processor.state.FileStateRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The cursor survives a crash that cut the state file's last line (as a kill -9 of the consumer can). */
class ChangeCursorTest {

    @Test
    void aLineCutByACrashAndContinuedByTheNextAppendYieldsTheNewerCursor(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("cursors");
        // the older cursor was written whole but for its newline when the process was killed
        Files.writeString(file, "orders=since=100,lastImportDate=100,lastChangeDate=100,rowsCount=5,settled=false",
                StandardCharsets.UTF_8);
        FileStateRepository first = FileStateRepository.fileStateRepository(file.toFile());
        first.start();
        new ChangeCursor(first, "orders", "in.c-main.orders").store(
                new CursorState(120, new TableMark(120L, 121L, 7), true));
        // killed again: no stop (a stop rewrites the file from memory)

        FileStateRepository restarted = FileStateRepository.fileStateRepository(file.toFile());
        restarted.start();
        assertThat(restarted.getState("orders")).as("what the store reads back").contains("since=100").contains("orders=since=120");
        CursorState read = new ChangeCursor(restarted, "orders", "in.c-main.orders").read();
        restarted.stop();

        assertThat(read).isEqualTo(new CursorState(120, new TableMark(120L, 121L, 7), true));
    }

    @Test
    void aKeyThatIsAlsoAFieldNameIsNotMistakenForACutLine() {
        String value = "since=5,lastImportDate=5,lastChangeDate=6,rowsCount=1";
        assertThat(ChangeCursor.newestOf(value, "since")).isEqualTo(value);
        assertThat(ChangeCursor.newestOf(value, "rowsCount")).isEqualTo(value);
        assertThat(ChangeCursor.newestOf("since=4,rowsCount=1since=9", "since")).isEqualTo("9");
    }
}
