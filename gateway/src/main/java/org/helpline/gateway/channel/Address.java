package org.helpline.gateway.channel;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import java.security.SecureRandom;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A texter's address: a channel and an E.164 number. Written as Twilio writes it: {@code +447700900123} (SMS),
 * {@code whatsapp:+447700900123}; the simulator uses {@code sim:+447700900123}. {@link #raw()} is the raw
 * address: personal data, never to be logged; {@link #toString()} is redacted so an accidental log cannot leak it.
 */
public final class Address {
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
    /**
     * Numbers libphonenumber has already found possible, so a returning texter's number is not parsed again: its
     * lenient parse (made for numbers as people type them) showed in the gateway's profile (docs/benchmarks-history.md) for
     * a number that already matched {@link #E164}. Keyed by a 64-bit hash under a key drawn at start-up, so no phone number
     * is kept here. A collision could only let through a number Twilio signed that libphonenumber would call
     * impossible: {@link #parse} runs after the webhook's signature is checked.
     */
    private static final Cache<Long, Boolean> POSSIBLE =
            Caffeine.newBuilder().maximumSize(50_000)
                    .executor(Runnable::run).build();
    private static final long HASH_KEY = new SecureRandom().nextLong();
    private final Channel channel;
    private final String e164;
    /**
     * The number's region, worked out once and only when asked (libphonenumber's region lookup matches the number
     * against each region sharing its country code: a hot spot per message; a returning texter's region is stored
     * with their contact instead).
     */
    private volatile Optional<String> region;
    /** The validating parse's result, kept for {@link #region()}. */
    private volatile Phonenumber.PhoneNumber parsed;

    public Address(Channel channel, String e164) {
        this.channel = Objects.requireNonNull(channel);
        this.e164 = Objects.requireNonNull(e164);
    }

    public Channel channel() {
        return channel;
    }

    public String e164() {
        return e164;
    }

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
        if (!E164.matcher(s).matches()) {
            throw new IllegalArgumentException("not an E.164 number");
        }
        Address address = new Address(channel, s);
        long key = possibleKey(s);
        if (POSSIBLE.getIfPresent(key) != null) {
            return address;
        }
        try {
            Phonenumber.PhoneNumber number = PHONES.parse(s, null);
            if (!PHONES.isPossibleNumber(number)) {
                throw new IllegalArgumentException("not a possible phone number");
            }
            address.parsed = number;
            POSSIBLE.put(key, Boolean.TRUE);
        } catch (NumberParseException e) {
            throw new IllegalArgumentException("not a phone number: " + e.getErrorType());
        }
        return address;
    }

    /** FNV-1a over the characters from a secret start, then MurmurHash3's finaliser to spread the bits. */
    static long possibleKey(String e164) {
        long h = HASH_KEY ^ 0xcbf29ce484222325L;
        for (int i = 0; i < e164.length(); i++) {
            h = (h ^ e164.charAt(i)) * 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        return h ^ (h >>> 33);
    }

    public static Address of(Channel channel, String e164) {
        return new Address(channel, e164);
    }

    /** ISO 3166 region of the number (e.g. {@code GB}), if known. */
    public Optional<String> region() {
        Optional<String> known = region;
        if (known == null) {
            try {
                Phonenumber.PhoneNumber number = parsed;
                known = regionOf(number != null ? number : PHONES.parse(e164, null));
            } catch (NumberParseException e) {
                known = Optional.empty();
            }
            region = known;
        }
        return known;
    }

    /**
     * The region libphonenumber finds for a valid number; for one it does not know as valid (a range newer than its
     * metadata, say), the country code's region when that code is one country's alone (+33: FR), else none (+44 is
     * also Jersey's, Guernsey's and the Isle of Man's). "ZZ" (no region) and "001" (a non-geographic number: +800,
     * +882, +888...) are not countries.
     */
    private static Optional<String> regionOf(Phonenumber.PhoneNumber number) {
        String region = PHONES.getRegionCodeForNumber(number);
        if (region == null || "ZZ".equals(region)) {
            List<String> sharing = PHONES.getRegionCodesForCountryCode(number.getCountryCode());
            region = sharing.size() == 1 ? sharing.get(0) : null;
        }
        return Optional.ofNullable(region).filter(r -> !"ZZ".equals(r) && !"001".equals(r));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Address a && a.channel == channel && a.e164.equals(e164);
    }

    @Override
    public int hashCode() {
        return 31 * channel.hashCode() + e164.hashCode();
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
