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
}
