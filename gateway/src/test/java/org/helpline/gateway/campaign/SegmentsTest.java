package org.helpline.gateway.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** SMS segments: GSM-7 and its extension table, UCS-2 and the character that forces it. */
class SegmentsTest {
    @Test
    void gsm7() {
        assertEquals(new Segments.Count("GSM-7", 5, 1, null, -1), Segments.count("Hello"));
        assertEquals(1, Segments.count("a".repeat(160)).segments());
        assertEquals(2, Segments.count("a".repeat(161)).segments());
        assertEquals(2, Segments.count("a".repeat(306)).segments());
        assertEquals(3, Segments.count("a".repeat(307)).segments());
        Segments.Count euro = Segments.count("Only 5€ [promo]");
        assertEquals("GSM-7", euro.encoding());
        assertEquals(18, euro.units(), "€, [ and ] take two septets each");
        // ú is not in GSM-7 (ù and ü are): Spanish text often costs UCS-2, which is why the preview points it out
        assertEquals("ú", Segments.count("¿Qué tal? Ñandú, ¡años!").ucs2Char());
        assertNull(Segments.count("¿Qué tal? ¡Ñandé!").ucs2Char());
    }

    @Test
    void oneCharacterForcesUcs2AndIsPointedOut() {
        Segments.Count c = Segments.count("Talk to us 💬 any time");
        assertEquals("UCS-2", c.encoding());
        assertEquals("💬", c.ucs2Char());
        assertEquals(11, c.ucs2At());
        assertEquals(1, c.segments());
        assertEquals(2, Segments.count("á" + "b".repeat(70)).segments(), "á is not GSM-7; 71 units");
        assertEquals(1, Segments.count("ó".repeat(70)).segments());
        assertEquals(3, Segments.count("ó".repeat(135)).segments());
    }
}
