package org.helpline.gateway.twilio;

import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.type.PhoneNumber;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.helpline.gateway.channel.Channel;
import org.helpline.gateway.channel.MessageSender;
import org.helpline.gateway.channel.OutboundMessage;
import org.helpline.gateway.channel.SendResult;
import org.helpline.gateway.config.HelplineConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends SMS and WhatsApp messages through Twilio's REST API with the official SDK. {@code TWILIO_FROM} is a number
 * (E.164) or a Messaging Service SID ({@code MG…}). Status callbacks come back to {@code /twilio/status}.
 */
@Singleton
@Requires(property = "twilio.account-sid")
@Requires(property = "twilio.auth-token")
@Requires(property = "twilio.from")
public final class TwilioRestSender implements MessageSender {
    private static final Logger LOG = LoggerFactory.getLogger(TwilioRestSender.class);
    private final TwilioRestClient client;
    private final String from;
    private final URI statusCallback;

    public TwilioRestSender(TwilioConfiguration twilio, HelplineConfiguration helpline) {
        this(twilio, helpline, Duration.ofSeconds(10));
    }

    /** @param timeout connect and read timeout of each REST call ({@code TWILIO_TIMEOUT}) */
    @jakarta.inject.Inject
    public TwilioRestSender(TwilioConfiguration twilio, HelplineConfiguration helpline,
                            @io.micronaut.context.annotation.Value("${twilio.timeout:10s}") Duration timeout) {
        this(twilio.accountSid(), twilio.authToken(), twilio.from(), twilio.apiBaseUrl(),
                helpline.publicUrl() == null ? null
                        : URI.create(helpline.publicUrl().replaceAll("/+$", "") + "/twilio/status"), timeout);
    }

    /**
     * The same sender for any account and API base URL: the development run's sender ({@link DevTwilioSender}) builds
     * one against the in-process stand-in, so a counsellor's reply or a campaign goes through exactly this code there
     * too.
     *
     * @param apiBaseUrl     {@code null} for api.twilio.com
     * @param statusCallback where Twilio posts delivery statuses; {@code null} for none
     */
    TwilioRestSender(String accountSid, String authToken, String from, String apiBaseUrl, URI statusCallback,
                     Duration timeout) {
        TwilioRestClient.Builder builder = new TwilioRestClient.Builder(accountSid, authToken).accountSid(accountSid);
        if (apiBaseUrl != null && !apiBaseUrl.isBlank()) {
            builder.httpClient(new StandInHttpClient(apiBaseUrl, timeout));
        } else {
            builder.httpClient(new SingleAttemptHttpClient());
        }
        this.client = builder.build();
        this.from = from;
        this.statusCallback = statusCallback;
    }

    @Override
    public boolean handles(Channel channel) {
        return channel == Channel.SMS || channel == Channel.WHATSAPP;
    }

    @Override
    public SendResult send(OutboundMessage m) {
        PhoneNumber to = new PhoneNumber(m.to().raw());
        boolean whatsapp = m.to().channel() == Channel.WHATSAPP;
        MessageCreator creator;
        if (from.startsWith("MG")) {
            creator = m.contentSid() != null ? Message.creator(to, from, (String) null).setContentSid(m.contentSid())
                    : Message.creator(to, from, m.body());
        } else {
            PhoneNumber sender = new PhoneNumber(whatsapp && !from.startsWith("whatsapp:") ? "whatsapp:" + from : from);
            creator = m.contentSid() != null ? Message.creator(to, sender, (String) null).setContentSid(m.contentSid())
                    : Message.creator(to, sender, m.body());
        }
        if (m.contentVariables() != null) {
            creator.setContentVariables(m.contentVariables());
        }
        if (statusCallback != null) {
            creator.setStatusCallback(m.statusQuery() == null ? statusCallback
                    : URI.create(statusCallback + "?" + m.statusQuery()));
        }
        try {
            Message sent = creator.create(client);
            return SendResult.ok(sent.getSid());
        } catch (ApiException e) {
            Integer code = e.getCode();
            boolean retryable = e.getStatusCode() != null && (e.getStatusCode() == 429 || e.getStatusCode() >= 500);
            LOG.warn("Twilio refused a message: code {} status {}", code, e.getStatusCode());
            return SendResult.failed(code, retryable);
        } catch (ApiConnectionException e) {
            LOG.warn("Twilio could not be reached: {}", e.getClass().getSimpleName());
            return SendResult.failed(null, true);
        }
    }

    /**
     * Lists the messages Twilio holds to this recipient sent on or after the day of {@code since} (Twilio filters by
     * date only), keeps those created since {@code since} from our sender, and matches the body (or, for a template,
     * any message). Errors answer UNKNOWN: the caller decides.
     */
    @Override
    public Lookup lookup(OutboundMessage m, Instant since) {
        try {
            var reader = Message.reader().setTo(new PhoneNumber(m.to().raw()))
                    .setDateSentAfter(since.atZone(ZoneOffset.UTC).minusSeconds(1)).setPageSize(50L);
            for (Message sent : reader.firstPage(client).getRecords()) {
                boolean recent = sent.getDateCreated() == null
                        || !sent.getDateCreated().toInstant().isBefore(since.minusSeconds(1));
                boolean same = m.body() == null || m.body().equals(sent.getBody());
                if (recent && same) {
                    return new Lookup(Found.YES, sent.getSid());
                }
            }
            return new Lookup(Found.NO, null);
        } catch (ApiException | ApiConnectionException e) {
            LOG.warn("Twilio message lookup failed: {}", e.getClass().getSimpleName());
            return Lookup.UNKNOWN;
        }
    }
}
