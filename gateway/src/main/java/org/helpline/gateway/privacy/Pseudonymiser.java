package org.helpline.gateway.privacy;

import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed hash (HMAC-SHA256) of an address: the conversation id used in Redis keys, logs and the console instead of
 * the phone number. Without the key, the id does not reveal the number, even to someone holding a list of numbers.
 */
@Singleton
public final class Pseudonymiser {
    private final SecretKeySpec key;
    /** One keyed MAC per thread (doFinal resets it for the next address). */
    private final ThreadLocal<Mac> macs;

    public Pseudonymiser(Keys keys) {
        this.key = new SecretKeySpec(keys.pseudonymKey(), "HmacSHA256");
        this.macs = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(key);
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /**
     * The first eight characters of a pseudonymous id: enough to follow one conversation through the logs, never
     * the whole id (logs go further than Redis does).
     */
    public static String forLogs(String pseudonym) {
        return pseudonym.substring(0, Math.min(8, pseudonym.length()));
    }

    /** 32 hex characters (128 bits) identifying {@code address} ({@code +447700900123}, {@code whatsapp:+…}). */
    public String pseudonym(String address) {
        byte[] digest = macs.get().doFinal(address.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest, 0, 16);
    }
}
