package org.helpline.gateway.campaign;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * How many SMS segments a text costs. GSM-7 (the GSM 03.38 basic set, with the extension table's characters counting
 * twice) fits 160 characters in one segment and 153 per segment of a longer message; any other character forces UCS-2
 * for the whole message: 70, then 67 per segment (counted in UTF-16 units, so an emoji counts twice).
 */
public final class Segments {
    private static final String GSM_BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final String GSM_EXTENSION = "^{}\\[~]|€\f";

    /**
     * @param encoding    GSM-7 or UCS-2
     * @param units       septets (GSM-7) or UTF-16 code units (UCS-2)
     * @param segments    segments billed
     * @param ucs2Char    the first character that forces UCS-2 (null for GSM-7)
     * @param ucs2At      its position (0-based, in characters) or -1
     */
    @Serdeable
    public record Count(String encoding, int units, int segments, @Nullable String ucs2Char, int ucs2At) {
    }

    private Segments() {
    }

    public static Count count(String text) {
        int septets = 0;
        int chars = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (cp < 0x10000 && GSM_BASIC.indexOf(cp) >= 0) {
                septets += 1;
            } else if (cp < 0x10000 && GSM_EXTENSION.indexOf(cp) >= 0) {
                septets += 2;
            } else {
                int units = text.length();
                int segments = units <= 70 ? 1 : (units + 66) / 67;
                return new Count("UCS-2", units, segments, new String(Character.toChars(cp)), chars);
            }
            i += Character.charCount(cp);
            chars++;
        }
        int segments = septets == 0 ? 1 : septets <= 160 ? 1 : (septets + 152) / 153;
        return new Count("GSM-7", septets, segments, null, -1);
    }
}
