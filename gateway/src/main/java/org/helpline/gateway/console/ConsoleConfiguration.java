package org.helpline.gateway.console;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.util.List;
import java.util.Map;

/**
 * Console settings ({@code helpline.console.*}).
 *
 * @param whatsappTemplates approved WhatsApp templates a counsellor may send once the 24-hour window has closed:
 *                          content SID ({@code HX…}) → name
 * @param bootstrapAdmin    {@code name:password} of an ADMIN created at start-up when no user exists yet
 * @param demoUsers         create demo users (development only): counsellor, supervisor, admin
 * @param canned            canned responses per language: language → list of texts
 */
@ConfigurationProperties("helpline.console")
public record ConsoleConfiguration(@Nullable Map<String, String> whatsappTemplates,
                                   @Nullable String bootstrapAdmin,
                                   @io.micronaut.core.bind.annotation.Bindable(defaultValue = "false") boolean demoUsers,
                                   @Nullable Map<String, List<String>> canned) {
}
