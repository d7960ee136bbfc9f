package org.helpline.gateway.privacy;

import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The key material, from configuration; or, for the development run only, generated once into a local file
 * (mode 600) and reused after. Without either, start-up fails: data at rest is never stored unencrypted.
 */
@Singleton
public final class Keys {
    private final Map<String, byte[]> messageKeys = new LinkedHashMap<>();
    private final String currentKeyId;
    private final byte[] pseudonymKey;

    public Keys(PrivacyConfiguration config) {
        Map<String, String> configured = config.messageKeys() == null ? Map.of() : config.messageKeys();
        String pseudonym = config.pseudonymKey();
        String current = config.currentKeyId();
        if (configured.isEmpty() || pseudonym == null) {
            if (config.localKeyFile() == null || config.localKeyFile().isBlank()) {
                throw new IllegalStateException("No encryption keys configured: set HELPLINE_PRIVACY_MESSAGE_KEYS_<ID>, "
                        + "HELPLINE_PRIVACY_CURRENT_KEY_ID and HELPLINE_PRIVACY_PSEUDONYM_KEY (base64, 32 bytes), "
                        + "or helpline.privacy.local-key-file for development");
            }
            Properties local = localKeys(Path.of(config.localKeyFile()));
            configured = Map.of(local.getProperty("current-key-id"), local.getProperty("message-key"));
            current = local.getProperty("current-key-id");
            pseudonym = local.getProperty("pseudonym-key");
        }
        // key ids are case-insensitive: an environment variable's name reaches us lower-cased
        // (HELPLINE_PRIVACY_MESSAGE_KEYS_K1 -> "k1") while HELPLINE_PRIVACY_CURRENT_KEY_ID=K1 keeps its case
        configured.forEach((id, b64) -> messageKeys.put(normalise(id), decode(b64, "message key " + id)));
        if (current == null) {
            current = messageKeys.keySet().iterator().next();
        }
        current = normalise(current);
        if (!messageKeys.containsKey(current)) {
            throw new IllegalStateException("current key id '" + current + "' has no key");
        }
        this.currentKeyId = current;
        this.pseudonymKey = decode(pseudonym, "pseudonym key");
    }

    public String currentKeyId() {
        return currentKeyId;
    }

    public byte[] messageKey(String id) {
        byte[] key = messageKeys.get(id);
        if (key == null) {
            key = messageKeys.get(normalise(id));
        }
        if (key == null) {
            throw new IllegalStateException("no message key with id '" + id + "'");
        }
        return key;
    }

    public byte[] pseudonymKey() {
        return pseudonymKey.clone();
    }

    private static String normalise(String id) {
        return id.strip().toLowerCase(Locale.ROOT);
    }

    private static byte[] decode(String b64, String what) {
        byte[] key = Base64.getDecoder().decode(b64.trim());
        if (key.length != 32) {
            throw new IllegalStateException(what + " must be 32 bytes (base64), got " + key.length);
        }
        return key;
    }

    private static synchronized Properties localKeys(Path file) {
        Properties p = new Properties();
        try {
            if (Files.exists(file)) {
                try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    p.load(r);
                }
                return p;
            }
            SecureRandom random = new SecureRandom();
            p.setProperty("current-key-id", "local1");
            p.setProperty("message-key", Base64.getEncoder().encodeToString(random.generateSeed(32)));
            p.setProperty("pseudonym-key", Base64.getEncoder().encodeToString(random.generateSeed(32)));
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                p.store(w, "Development keys generated on first start. Never use in production.");
            }
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: nothing more to do
            }
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create local keys in " + file, e);
        }
    }
}
