package io.github.camelkeboola.component.consumer;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChangeWindowTest {

    private static final TableMark AT_1000 = new TableMark(1000L, 1000L, 3);

    @Test
    void tableNeverLoadedIsIdle() {
        TableMark never = new TableMark(null, null, 0);
        assertEquals(Optional.empty(), ChangeWindow.next(null, null, never, true));
        assertEquals(Optional.empty(), ChangeWindow.next(new CursorState(100L, null), null, never, true));
    }

    @Test
    void firstWindowReadsTheWholeTableOrFromInitialSince() {
        assertEquals(new ChangeWindow(null, AT_1000), ChangeWindow.next(null, null, AT_1000, true).orElseThrow());
        assertEquals(new ChangeWindow(900L, AT_1000), ChangeWindow.next(null, 900L, AT_1000, true).orElseThrow());
    }

    @Test
    void theNextWindowStartsAtTheLastImportDateReadBeforeTheExportInclusive() {
        ChangeWindow first = ChangeWindow.next(null, null, AT_1000, true).orElseThrow();
        assertEquals(new CursorState(1000L, AT_1000), first.next(),
                "the second of the last import is read again: an import started in it may not have committed");
        TableMark later = new TableMark(1005L, 1005L, 4);
        ChangeWindow second = ChangeWindow.next(first.next(), 5L, later, true).orElseThrow();
        assertEquals(new ChangeWindow(1000L, later), second, "a stored cursor wins over initialSince");
        assertEquals(new CursorState(1005L, later), second.next());
    }

    @Test
    void anUnchangedDetailIsIdleAndAnyChangeOfItIsAChange() {
        CursorState stored = new CursorState(1000L, AT_1000);
        assertEquals(Optional.empty(), ChangeWindow.next(stored, null, AT_1000, true));
        for (TableMark changed : new TableMark[] {new TableMark(1001L, 1000L, 3), new TableMark(1000L, 1001L, 3),
                new TableMark(1000L, 1000L, 4)}) {
            assertEquals(new ChangeWindow(1000L, changed), ChangeWindow.next(stored, null, changed, true).orElseThrow(),
                    changed.toString());
        }
        assertEquals(new ChangeWindow(1000L, AT_1000), ChangeWindow.next(new CursorState(1000L, null), null, AT_1000, true)
                .orElseThrow(), "a cursor without a mark exports");
    }

    @Test
    void aDetailReadInTheSecondOfItsLastChangeIsReadOnceMoreWhenASettledReadShowsItAgain() {
        assertFalse(AT_1000.settledBy(Instant.ofEpochSecond(1001)), "the answer may come a second after the read");
        assertTrue(AT_1000.settledBy(Instant.ofEpochSecond(1002)));
        assertFalse(new TableMark(990L, 1000L, 3).settledBy(Instant.ofEpochSecond(1001)), "a delete moves lastChangeDate");

        ChangeWindow early = ChangeWindow.next(new CursorState(900L, null), null, AT_1000, false).orElseThrow();
        CursorState unsettled = early.next();
        assertEquals(new CursorState(1000L, AT_1000, false), unsettled);
        assertEquals(Optional.empty(), ChangeWindow.next(unsettled, null, AT_1000, false), "still in that second: wait");
        ChangeWindow again = ChangeWindow.next(unsettled, null, AT_1000, true).orElseThrow();
        assertEquals(new ChangeWindow(1000L, AT_1000, true), again, "the same detail, now settled: once more");
        assertEquals(Optional.empty(), ChangeWindow.next(again.next(), null, AT_1000, true), "then idle");
        assertNotEquals(early.describe(), again.describe(), "the read again may hold more rows: another window key");
    }

    @Test
    void anInitialSinceAfterTheLastImportIsKeptAsTheNextStart() {
        assertEquals(new CursorState(2000L, AT_1000), new ChangeWindow(2000L, AT_1000).next());
    }

    @Test
    void cursorTextRoundTripsAndABareNumberIsASince() {
        CursorState state = new CursorState(1000L, new TableMark(1000L, null, 7));
        assertEquals("since=1000,lastImportDate=1000,lastChangeDate=,rowsCount=7", ChangeCursor.format(state));
        assertEquals(state, ChangeCursor.parse(ChangeCursor.format(state)));
        CursorState full = new CursorState(990L, AT_1000);
        assertEquals(full, ChangeCursor.parse(ChangeCursor.format(full)));
        CursorState unsettled = new CursorState(990L, AT_1000, false);
        assertEquals("since=990,lastImportDate=1000,lastChangeDate=1000,rowsCount=3,settled=false",
                ChangeCursor.format(unsettled));
        assertEquals(unsettled, ChangeCursor.parse(ChangeCursor.format(unsettled)));
        assertEquals(new CursorState(1234L, null), ChangeCursor.parse("1234"));
        assertEquals(new CursorState(1234L, null), ChangeCursor.parse("since=1234"));
        assertThrows(IllegalArgumentException.class, () -> ChangeCursor.parse("since=1,lastImportDate=2"));
        assertThrows(IllegalArgumentException.class, () -> ChangeCursor.parse("nonsense"));
    }
}
