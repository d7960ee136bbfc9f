package org.helpline.gateway.privacy;

import jakarta.inject.Singleton;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM for message text at rest. Stored form: {@code <keyId>:<base64(iv ‖ ciphertext ‖ tag)>}; the key id
 * lets keys rotate (old records stay readable while their key is configured). The conversation id is bound in as
 * associated data, so a record copied into another conversation does not decrypt.
 */
@Singleton
public final class MessageCipher {
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private final Keys keys;
    /**
     * One cipher and one nonce generator per thread: {@code Cipher.getInstance} per record and a shared
     * {@code SecureRandom} (one lock, a read of /dev/urandom per nonce) showed in the webhook's profile. Each thread's
     * generator is a DRBG seeded from the system's entropy; a 96-bit random nonce per record under one key.
     */
    private static final ThreadLocal<Cipher> CIPHERS = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM is not available", e);
        }
    });
    private static final ThreadLocal<SecureRandom> NONCES = ThreadLocal.withInitial(() -> {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (GeneralSecurityException e) {
            return new SecureRandom();
        }
    });

    public MessageCipher(Keys keys) {
        this.keys = keys;
    }

    public String encrypt(String plaintext, String conversationId) {
        try {
            byte[] iv = new byte[IV_BYTES];
            NONCES.get().nextBytes(iv);
            String keyId = keys.currentKeyId();
            Cipher cipher = CIPHERS.get();
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(keys.messageKey(keyId), "AES"),
                    new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(conversationId.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return keyId + ":" + Base64.getEncoder().encodeToString(
                    ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    public String decrypt(String stored, String conversationId) {
        int colon = stored.indexOf(':');
        if (colon < 1) {
            throw new IllegalArgumentException("not an encrypted record");
        }
        try {
            byte[] all = Base64.getDecoder().decode(stored.substring(colon + 1));
            Cipher cipher = CIPHERS.get();
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(keys.messageKey(stored.substring(0, colon)), "AES"),
                    new GCMParameterSpec(TAG_BITS, all, 0, IV_BYTES));
            cipher.updateAAD(conversationId.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("record does not decrypt (wrong key or conversation)", e);
        }
    }
}
