package org.helpline.dialogue;

import java.time.Instant;
import java.time.LocalDate;

/**
 * {@link Instant#toString()} and {@link Instant#parse} for the one layout the helpline writes
 * ({@code 2026-11-30T21:09:09.123456Z}: years 1970 to 9999, 0, 3, 6 or 9 fraction digits), by arithmetic instead of
 * the JDK's general formatter; every message formats and reads several instants, which showed in the gateway's
 * profile (docs/benchmarks-history.md). Anything else goes to the JDK, so the answers are the JDK's in every case
 * ({@code IsoInstantTest} compares them).
 */
public final class IsoInstant {
    /** 9999-12-31T23:59:59Z: beyond it {@code toString} writes a sign and more digits. */
    private static final long LAST_SECOND = 253_402_300_799L;

    private IsoInstant() {
    }

    /** Exactly {@code t.toString()}. */
    public static String format(Instant t) {
        long second = t.getEpochSecond();
        if (second < 0 || second > LAST_SECOND) {
            return t.toString();
        }
        LocalDate date = LocalDate.ofEpochDay(second / 86_400);
        int time = (int) (second % 86_400);
        char[] c = new char[30];
        digits(c, 0, date.getYear(), 4);
        c[4] = '-';
        digits(c, 5, date.getMonthValue(), 2);
        c[7] = '-';
        digits(c, 8, date.getDayOfMonth(), 2);
        c[10] = 'T';
        digits(c, 11, time / 3600, 2);
        c[13] = ':';
        digits(c, 14, time / 60 % 60, 2);
        c[16] = ':';
        digits(c, 17, time % 60, 2);
        int n = 19;
        int nano = t.getNano();
        if (nano != 0) {
            c[n++] = '.';
            if (nano % 1_000_000 == 0) {
                digits(c, n, nano / 1_000_000, 3);
                n += 3;
            } else if (nano % 1_000 == 0) {
                digits(c, n, nano / 1_000, 6);
                n += 6;
            } else {
                digits(c, n, nano, 9);
                n += 9;
            }
        }
        c[n++] = 'Z';
        return new String(c, 0, n);
    }

    /** Exactly {@code Instant.parse(s)}, exceptions included. */
    public static Instant parse(CharSequence s) {
        int length = s.length();
        if ((length != 20 && length != 24 && length != 27 && length != 30) || s.charAt(length - 1) != 'Z'
                || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
                || s.charAt(16) != ':' || (length > 20 && s.charAt(19) != '.')) {
            return Instant.parse(s);
        }
        int year = number(s, 0, 4);
        int month = number(s, 5, 2);
        int day = number(s, 8, 2);
        int hour = number(s, 11, 2);
        int minute = number(s, 14, 2);
        int sec = number(s, 17, 2);
        int fraction = length > 20 ? number(s, 20, length - 21) : 0;
        if (year < 1970 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || sec < 0 || sec > 59 || fraction < 0 || day > LocalDate.of(year, month, 1).lengthOfMonth()) {
            return Instant.parse(s);
        }
        int nano = switch (length) {
            case 24 -> fraction * 1_000_000;
            case 27 -> fraction * 1_000;
            default -> fraction;
        };
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + sec, nano);
    }

    private static void digits(char[] c, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            c[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    /** The ASCII digits at {@code [at, at + width)} as a number, or -1 if any is not one. */
    private static int number(CharSequence s, int at, int width) {
        int value = 0;
        for (int i = at; i < at + width; i++) {
            char ch = s.charAt(i);
            if (ch < '0' || ch > '9') {
                return -1;
            }
            value = value * 10 + (ch - '0');
        }
        return value;
    }
}
