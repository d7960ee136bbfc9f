package org.helpline.gateway.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

/**
 * The helpline's own settings ({@code helpline.*}; environment: {@code HELPLINE_*}).
 *
 * @param publicUrl       the public base URL Twilio calls ({@code HELPLINE_PUBLIC_URL}); signatures are computed on it
 * @param defaultLanguage language of a contact we know nothing about
 * @param defaultCountry  region of the numbers a contacts import writes without a country code (ISO 3166 alpha-2);
 *                        never used for safety numbers: an unknown country gets no other country's numbers
 * @param maxMessageChars longest message text accepted (Twilio's limit is 1,600)
 * @param allowUnsigned   accept unsigned webhooks when no Twilio auth token is set (development only)
 */
@ConfigurationProperties("helpline")
public record HelplineConfiguration(@Nullable String publicUrl,
                                    @Bindable(defaultValue = "en") @NotBlank String defaultLanguage,
                                    @Bindable(defaultValue = "GB") @NotBlank String defaultCountry,
                                    @Bindable(defaultValue = "1600") @Min(160) @Max(65536) int maxMessageChars,
                                    @Bindable(defaultValue = "false") boolean allowUnsigned) {
}
