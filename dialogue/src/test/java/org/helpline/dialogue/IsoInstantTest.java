package org.helpline.dialogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link IsoInstant} answers as {@link Instant#toString()} and {@link Instant#parse} do, inside its layout and out. */
class IsoInstantTest {
    @Test
    void formatsAndParsesAsTheJdkOverRandomInstants() {
        Random random = new Random(3);
        for (int i = 0; i < 200_000; i++) {
            long second = switch (i % 4) {
                case 0 -> 1_700_000_000L + random.nextInt(200_000_000);          // around now
                case 1 -> (long) (random.nextDouble() * 253_402_300_800L);        // 1970 to 9999
                case 2 -> -1_000_000_000_000L + (long) (random.nextDouble() * 2e12); // far past and beyond 9999
                default -> random.nextBoolean() ? 0 : 253_402_300_799L + random.nextInt(3) - 1; // the edges
            };
            int nano = switch (random.nextInt(4)) {
                case 0 -> 0;
                case 1 -> random.nextInt(1_000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant t = Instant.ofEpochSecond(second, nano);
            String jdk = t.toString();
            assertEquals(jdk, IsoInstant.format(t), jdk);
            assertEquals(t, IsoInstant.parse(jdk), jdk);
        }
    }

    /** Strings outside the layout, odd or wrong: the same instant as the JDK's, or the same refusal. */
    @Test
    void outsideItsLayoutTheJdkAnswers() {
        int refused = 0;
        for (String s : new String[] {"2026-11-30T21:09:09.1Z", "2026-11-30T21:09:09.12345Z", "2016-12-31T23:59:60Z",
            "1969-12-31T23:59:59Z", "+10000-01-01T00:00:00Z", "2026-11-30T21:09:09.000Z", "2026-11-30T24:00:00Z",
            "2026-11-30T21:09:09+01:00", "2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z", "2026-11-30T24:00:01Z",
            "2026-11-30T21:60:00Z", "2026-11-30 21:09:09Z", "2026-11-30T21:09:09", "2026-11-30T21:09:0xZ",
            "2026-11-30T21:09:09.12xZ", "-026-11-30T21:09:09Z", "", "2026-11-30T21:09:09.1234567890Z"}) {
            Instant jdk;
            try {
                jdk = Instant.parse(s);
            } catch (DateTimeParseException e) {
                assertThrows(DateTimeParseException.class, () -> IsoInstant.parse(s), s);
                refused++;
                continue;
            }
            assertEquals(jdk, IsoInstant.parse(s), s);
        }
        assertEquals(11, refused, "the wrong ones among them are refused by both");
    }
}
