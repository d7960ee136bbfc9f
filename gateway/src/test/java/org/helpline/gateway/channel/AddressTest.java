package org.helpline.gateway.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Addresses: channels, E.164 checks, the region (worked out once), value equality, and no number in toString. */
class AddressTest {
    @Test
    void channelsRegionsAndEquality() {
        Address sms = Address.parse("+447700900123");
        Address wa = Address.parse("whatsapp:+447700900123");
        assertEquals(Channel.SMS, sms.channel());
        assertEquals(Channel.WHATSAPP, wa.channel());
        assertEquals("whatsapp:+447700900123", wa.raw());
        assertEquals(Optional.empty(), sms.region(), "07700 900xxx is a drama range: valid for no region");
        assertEquals(Optional.of("GB"), Address.parse("+447400123456").region());
        assertEquals(Optional.of("KE"), Address.parse("+254712345678").region());
        assertEquals(Optional.of("GB"), Address.of(Channel.SMS, "+447400123456").region(), "unparsed: worked out");
        assertEquals(sms, Address.of(Channel.SMS, "+447700900123"));
        assertEquals(sms.hashCode(), Address.of(Channel.SMS, "+447700900123").hashCode());
        assertNotEquals(sms, wa);
        assertFalse(sms.toString().contains("7700900123"));
        assertThrows(IllegalArgumentException.class, () -> Address.parse("+44"));
        assertThrows(IllegalArgumentException.class, () -> Address.parse("07700900123"));
    }

    /**
     * A number found possible once is not parsed again: the second parse must still answer the same, work out the
     * same region, and a number libphonenumber finds impossible must stay refused however often it is sent, beside
     * possible numbers that are remembered.
     */
    @Test
    void aRememberedNumberAnswersAsTheFirstParseDid() {
        for (String raw : new String[] {"+447400123456", "whatsapp:+254712345678", "+12025550123", "+390612345678"}) {
            Address first = Address.parse(raw);
            Address again = Address.parse(raw);
            assertEquals(first, again, raw);
            assertEquals(first.raw(), again.raw(), raw);
            assertEquals(first.region(), again.region(), raw);
            assertEquals(Address.of(first.channel(), first.e164()).region(), again.region(), raw);
        }
        assertEquals(Optional.of("IT"), Address.parse("+390612345678").region(), "Italian leading zero kept");
        for (int i = 0; i < 3; i++) {
            // 999 is no country's calling code; +1 numbers need 10 digits: both match the E.164 pattern
            assertThrows(IllegalArgumentException.class, () -> Address.parse("+99912345678"));
            assertThrows(IllegalArgumentException.class, () -> Address.parse("+1202555012345"));
            Address.parse("+1202555" + String.format("%04d", i));
        }
        assertNotEquals(Address.possibleKey("+447400123456"), Address.possibleKey("+447400123465"));
        assertNotEquals(Address.possibleKey("+12025550123"), Address.possibleKey("+12025550124"));
    }
}
