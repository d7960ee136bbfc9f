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

    public Pseudonymiser(Keys keys) {
        this.key = new SecretKeySpec(keys.pseudonymKey(), "HmacSHA256");
    }

    /** 32 hex characters (128 bits) identifying {@code address} ({@code +447700900123}, {@code whatsapp:+…}). */
    public String pseudonym(String address) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] digest = mac.doFinal(address.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
