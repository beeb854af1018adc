package io.github.camelkeboola.component.consumer;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChangeWindowTest {

    @Test
    void tableNeverLoadedIsIdle() {
        assertEquals(Optional.empty(), ChangeWindow.after(null, null, null));
        assertEquals(Optional.empty(), ChangeWindow.after(100L, null, null));
    }

    @Test
    void firstWindowReadsWholeTableUpToTheLastImportSecondInclusive() {
        ChangeWindow window = ChangeWindow.after(null, null, 1000L).orElseThrow();
        assertEquals(null, window.since());
        assertEquals(1001L, window.until());
        assertEquals("-1001", window.describe());
    }

    @Test
    void firstWindowStartsAtInitialSince() {
        assertEquals(new ChangeWindow(900L, 1001L, 1000L), ChangeWindow.after(null, 900L, 1000L).orElseThrow());
        assertEquals(Optional.empty(), ChangeWindow.after(null, 1001L, 1000L), "initial bound after the last import");
    }

    @Test
    void windowStartsAtTheCursor() {
        assertEquals(new ChangeWindow(1001L, 1006L, 1005L), ChangeWindow.after(1001L, 5L, 1005L).orElseThrow(),
                "a stored cursor wins over initialSince");
    }

    @Test
    void noImportSinceTheCursorIsIdle() {
        assertEquals(Optional.empty(), ChangeWindow.after(1001L, null, 1000L));
        assertTrue(ChangeWindow.after(1000L, null, 1000L).isPresent(), "the cursor's own second is still open");
    }

    @Test
    void settledOnceTheExportStartedAfterTheLastImportSecond() {
        ChangeWindow window = ChangeWindow.after(990L, null, 1000L).orElseThrow();
        assertFalse(window.isSettledAt(1000L));
        assertTrue(window.isSettledAt(1001L));
        assertTrue(window.isSettledAt(1002L));
    }

    @Test
    void withoutLastSecondStopsBeforeTheLastImport() {
        assertEquals(new ChangeWindow(990L, 1000L, 1000L),
                ChangeWindow.after(990L, null, 1000L).orElseThrow().withoutLastSecond().orElseThrow());
        assertEquals(new ChangeWindow(null, 1000L, 1000L),
                ChangeWindow.after(null, null, 1000L).orElseThrow().withoutLastSecond().orElseThrow());
        assertEquals(Optional.empty(), ChangeWindow.after(1000L, null, 1000L).orElseThrow().withoutLastSecond(),
                "nothing is left when the window is only the open second");
    }
}
