package org.helpline.gateway.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.PropertySource;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.helpline.gateway.privacy.MessageCipher;
import org.helpline.gateway.support.TestRedis;
import org.junit.jupiter.api.Test;

/**
 * Finding 6 (setup): {@code HELPLINE_PRIVACY_CURRENT_KEY_ID=K1} with {@code HELPLINE_PRIVACY_MESSAGE_KEYS_K1}, as the
 * README shows them, refused to start ("current key id 'K1' has no key"): the id from the variable's name arrives
 * lower-cased. Booted here from environment-variable-style settings exactly as the README writes them.
 */
class KeyIdCaseTest {
    private static String key() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return Base64.getEncoder().encodeToString(b);
    }

    private static ApplicationContext boot(Map<String, Object> env) {
        return ApplicationContext.builder()
                .propertySources(PropertySource.of("env", env, PropertySource.PropertyConvention.ENVIRONMENT_VARIABLE))
                .start();
    }

    @Test
    void theReadmesKeyIdsStartTheServiceAndRotationKeepsOldRecordsReadable() {
        String k1 = key();
        String sealed;
        try (ApplicationContext ctx = boot(Map.of("REDIS_URL", TestRedis.url(),
                "HELPLINE_JWT_SECRET", "key-id-case-test-secret-0123456789abcdef",
                "HELPLINE_PRIVACY_MESSAGE_KEYS_K1", k1,
                "HELPLINE_PRIVACY_CURRENT_KEY_ID", "K1",
                "HELPLINE_PRIVACY_PSEUDONYM_KEY", key()))) {
            MessageCipher cipher = ctx.getBean(MessageCipher.class);
            sealed = cipher.encrypt("hello", "conv-1");
            assertEquals("hello", cipher.decrypt(sealed, "conv-1"));
        }
        try (ApplicationContext ctx = boot(Map.of("REDIS_URL", TestRedis.url(),
                "HELPLINE_JWT_SECRET", "key-id-case-test-secret-0123456789abcdef",
                "HELPLINE_PRIVACY_MESSAGE_KEYS_K1", k1,
                "HELPLINE_PRIVACY_MESSAGE_KEYS_K2", key(),
                "HELPLINE_PRIVACY_CURRENT_KEY_ID", "K2",
                "HELPLINE_PRIVACY_PSEUDONYM_KEY", key()))) {
            MessageCipher cipher = ctx.getBean(MessageCipher.class);
            assertEquals("hello", cipher.decrypt(sealed, "conv-1"), "a record under K1 after rotating to K2");
            assertEquals("hello", cipher.decrypt("K1" + sealed.substring(sealed.indexOf(':')), "conv-1"),
                    "the id a record names is case-insensitive too");
            assertTrue(cipher.encrypt("x", "conv-1").startsWith("k2:"), "new records under the current key");
        }
    }
}
