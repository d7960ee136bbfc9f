package org.helpline.gateway.privacy;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;
import java.util.Map;

/**
 * Keys for data at rest ({@code helpline.privacy.*}).
 *
 * @param messageKeys       AES-256 keys by id, base64 ({@code HELPLINE_PRIVACY_MESSAGE_KEYS_<ID>}); old ids stay for
 *                          reading after a rotation
 * @param currentKeyId      the id new records are encrypted with
 * @param pseudonymKey      HMAC key, base64, for pseudonymising phone numbers ({@code HELPLINE_PRIVACY_PSEUDONYM_KEY})
 * @param localKeyFile      where the development run keeps keys it generated on first start (empty: never generate)
 */
@ConfigurationProperties("helpline.privacy")
public record PrivacyConfiguration(@Nullable Map<String, String> messageKeys,
                                   @Nullable String currentKeyId,
                                   @Nullable String pseudonymKey,
                                   @Nullable String localKeyFile,
                                   @Bindable(defaultValue = "90d") Duration retention) {
}
