package org.helpline.gateway.channel;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Numbers reserved for fiction and testing, which no real phone has: the simulator's (Ofcom's drama ranges, e.g.
 * +44 7700 900123) and North America's 555-0100 to 555-0199. The development run accepts them in a contacts import,
 * as its sends go to the local stand-in; everywhere else they are refused, as a real broadcast to them would fail
 * or, for a range later given out, reach a stranger.
 */
public final class FictionalNumbers {
    /** Ofcom: mobile 07700 900000-900999, London 020 7946 0000-0999 (and the other drama ranges' pattern). */
    private static final Pattern OFCOM = Pattern.compile("\\+44(7700900|2079460|1134960|1214960|1314960|1514960"
            + "|1614960|1174960|1184960|1914960|2890180|2920180)\\d{3}");
    /** NANP: 555-0100 to 555-0199 in every area code. */
    private static final Pattern NANP = Pattern.compile("\\+1[2-9]\\d{2}55501\\d{2}");

    private FictionalNumbers() {
    }

    /** The range an E.164 number belongs to, in words, if it is a fictional one. */
    public static Optional<String> range(String e164) {
        if (e164 == null) {
            return Optional.empty();
        }
        if (OFCOM.matcher(e164).matches()) {
            return Optional.of("Ofcom's range for drama and testing");
        }
        if (NANP.matcher(e164).matches()) {
            return Optional.of("North America's 555-01xx range for fiction");
        }
        return Optional.empty();
    }
}
