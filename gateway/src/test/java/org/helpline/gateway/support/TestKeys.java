package org.helpline.gateway.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.helpline.gateway.privacy.Keys;
import org.helpline.gateway.privacy.MessageCipher;
import org.helpline.gateway.privacy.PrivacyConfiguration;

/** Real keys (generated into a temporary file) for plain unit tests. */
public final class TestKeys {
    private TestKeys() {
    }

    public static Keys keys() {
        try {
            return new Keys(new PrivacyConfiguration(null, null, null,
                    Files.createTempDirectory("keys").resolve("k.properties").toString(), java.time.Duration.ofDays(90)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static MessageCipher cipher() {
        return new MessageCipher(keys());
    }
}
