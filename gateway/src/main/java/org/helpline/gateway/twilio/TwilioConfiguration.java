package org.helpline.gateway.twilio;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * Twilio credentials ({@code TWILIO_ACCOUNT_SID}, {@code TWILIO_AUTH_TOKEN}, {@code TWILIO_FROM}). All optional: without
 * them the service runs on the simulator channel only, and refuses webhooks unless development allows unsigned ones.
 *
 * @param accountSid  the account SID ({@code AC…})
 * @param authToken   the auth token; also the key of webhook signatures
 * @param from        the sending number (E.164) or Messaging Service SID ({@code MG…})
 * @param apiBaseUrl  send REST calls to this base URL instead of api.twilio.com (a stand-in for tests or staging)
 */
@ConfigurationProperties("twilio")
public record TwilioConfiguration(@Nullable String accountSid, @Nullable String authToken, @Nullable String from,
                                  @Nullable String apiBaseUrl) {

    public boolean signaturesRequired() {
        return authToken != null && !authToken.isBlank();
    }

    public boolean restConfigured() {
        return accountSid != null && !accountSid.isBlank() && signaturesRequired() && from != null
                && !from.isBlank();
    }
}
