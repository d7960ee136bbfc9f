package org.helpline.gateway.twilio;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.helpline.gateway.channel.Channel;
import org.helpline.gateway.channel.MessageSender;
import org.helpline.gateway.channel.OutboundMessage;
import org.helpline.gateway.channel.SendResult;

/**
 * The development run's SMS and WhatsApp sender: the production {@link TwilioRestSender} (the real SDK) pointed at
 * the in-process stand-in ({@link DevTwilioController}) with its drawn account, so that without a Twilio account a
 * counsellor's reply and a campaign are sent, "delivered" to the simulator's phone and their statuses come back.
 * Never present once a real {@code TWILIO_ACCOUNT_SID} is configured, nor outside {@code dev}.
 */
@Singleton
@Requires(bean = DevTwilio.class)
public final class DevTwilioSender implements MessageSender {
    private final DevTwilio account;
    private volatile TwilioRestSender sender;

    public DevTwilioSender(DevTwilio account) {
        this.account = account;
    }

    /** Built at the first send: the stand-in's URL needs the server's port, known only once it listens. */
    private TwilioRestSender sender() {
        TwilioRestSender s = sender;
        if (s == null) {
            synchronized (this) {
                if (sender == null) {
                    sender = new TwilioRestSender(account.accountSid(), account.authToken(), DevTwilio.FROM,
                            account.apiBaseUrl(), URI.create(account.localBase() + "/twilio/status"),
                            Duration.ofSeconds(10));
                }
                s = sender;
            }
        }
        return s;
    }

    @Override
    public boolean handles(Channel channel) {
        return channel == Channel.SMS || channel == Channel.WHATSAPP;
    }

    @Override
    public boolean standIn() {
        return true;
    }

    @Override
    public SendResult send(OutboundMessage message) {
        return sender().send(message);
    }

    @Override
    public Lookup lookup(OutboundMessage message, Instant since) {
        return sender().lookup(message, since);
    }
}
