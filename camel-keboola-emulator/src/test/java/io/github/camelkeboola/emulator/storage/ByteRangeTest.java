package io.github.camelkeboola.emulator.storage;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ByteRangeTest {

    @Test
    void rangesAsClientsSendThem() {
        assertEquals(new ByteRange(5, 10), ByteRange.parse("bytes=5-10", 100));
        assertEquals(new ByteRange(5, 99), ByteRange.parse("bytes=5-", 100));
        assertEquals(new ByteRange(90, 99), ByteRange.parse("bytes=-10", 100));
        assertEquals(new ByteRange(0, 99), ByteRange.parse("bytes=0-4194303", 100));
        assertEquals("bytes 5-10/100", ByteRange.parse("bytes=5-10", 100).contentRange(100));
        assertNull(ByteRange.parse(null, 100));
        assertNull(ByteRange.parse("items=1-2", 100));
    }

    @Test
    void rangesPastTheEndCannotBeSatisfied() {
        assertThrows(IllegalArgumentException.class, () -> ByteRange.parse("bytes=100-", 100));
        assertThrows(IllegalArgumentException.class, () -> ByteRange.parse("bytes=0-", 0));
        assertThrows(IllegalArgumentException.class, () -> ByteRange.parse("bytes=9-3", 100));
    }
}
