package org.helpline.gateway.channel;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import java.util.Optional;

/**
 * A texter's address: a channel and an E.164 number. Written as Twilio writes it: {@code +447700900123} (SMS),
 * {@code whatsapp:+447700900123}; the simulator uses {@code sim:+447700900123}. {@link #raw()} is the raw
 * address: personal data, never to be logged; {@link #toString()} is redacted so an accidental log cannot leak it.
 */
public record Address(Channel channel, String e164) {
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    /** Parses an address, rejecting anything that is not a possible E.164 number. */
    public static Address parse(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new IllegalArgumentException("address is missing");
        }
        String s = raw.strip();
        Channel channel = Channel.SMS;
        if (s.regionMatches(true, 0, "whatsapp:", 0, 9)) {
            channel = Channel.WHATSAPP;
            s = s.substring(9);
        } else if (s.regionMatches(true, 0, "sim:", 0, 4)) {
            channel = Channel.SIMULATOR;
            s = s.substring(4);
        }
        if (!s.matches("\\+[1-9][0-9]{6,14}")) {
            throw new IllegalArgumentException("not an E.164 number");
        }
        try {
            Phonenumber.PhoneNumber number = PHONES.parse(s, null);
            if (!PHONES.isPossibleNumber(number)) {
                throw new IllegalArgumentException("not a possible phone number");
            }
        } catch (NumberParseException e) {
            throw new IllegalArgumentException("not a phone number: " + e.getErrorType());
        }
        return new Address(channel, s);
    }

    public static Address of(Channel channel, String e164) {
        return new Address(channel, e164);
    }

    /** ISO 3166 region of the number (e.g. {@code GB}), if known. */
    public Optional<String> region() {
        try {
            String region = PHONES.getRegionCodeForNumber(PHONES.parse(e164, null));
            return Optional.ofNullable(region).filter(r -> !"ZZ".equals(r));
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "Address[" + channel + ", redacted]";
    }

    /** The address as Twilio writes it ({@code +44…}, {@code whatsapp:+44…}; {@code sim:+44…}). Personal data. */
    public String raw() {
        return switch (channel) {
            case SMS -> e164;
            case WHATSAPP -> "whatsapp:" + e164;
            case SIMULATOR -> "sim:" + e164;
        };
    }
}
