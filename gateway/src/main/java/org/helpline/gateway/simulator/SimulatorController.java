package org.helpline.gateway.simulator;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.helpline.gateway.channel.Address;
import org.helpline.gateway.channel.Channel;
import org.helpline.gateway.channel.InboundMessage;
import org.helpline.gateway.config.HelplineConfiguration;
import org.helpline.gateway.conversation.ConversationService;
import org.helpline.gateway.privacy.Pseudonymiser;
import org.helpline.gateway.twilio.DevPhone;

/**
 * The simulator channel: a page at {@code /simulator} where you chat with the helpline as a texter would, and the
 * JSON API behind it. On in the development run ({@code helpline.simulator.enabled}), off unless configured elsewhere.
 */
@Controller("/simulator")
@io.micronaut.security.annotation.Secured(SecurityRule.IS_ANONYMOUS)
@Requires(property = "helpline.simulator.enabled", value = "true")
@ExecuteOn(TaskExecutors.BLOCKING)
public class SimulatorController {
    /** A message typed in the simulator. {@code id} makes a resend idempotent, like Twilio's MessageSid. */
    @Serdeable
    public record SimulatedMessage(String from, @Nullable String text, @Nullable Integer media, @Nullable String id,
                                   @Nullable String channel) {
        public SimulatedMessage(String from, @Nullable String text, @Nullable Integer media, @Nullable String id) {
            this(from, text, media, id, null);
        }
    }

    /** What this run offers the page: whether the development sender is there to text as a real SMS/WhatsApp number. */
    @Serdeable
    public record Info(boolean devSender) {
    }

    @Serdeable
    public record SimulatedReply(String conversation, List<String> replies, boolean duplicate) {
    }

    @Serdeable
    public record Outbox(List<String> messages, int next) {
    }

    @Serdeable
    public record Problem(String error) {
    }

    private final ConversationService conversations;
    private final SimulatorOutbox outbox;
    private final Pseudonymiser pseudonymiser;
    private final HelplineConfiguration config;
    private final Clock clock;
    private final String page;
    /** The development sender's phone ({@code null} when the run has a real Twilio account or is not {@code dev}). */
    private final DevPhone devPhone;

    public SimulatorController(ConversationService conversations, SimulatorOutbox outbox, Pseudonymiser pseudonymiser,
                               HelplineConfiguration config, Clock clock, @Nullable DevPhone devPhone) {
        this.devPhone = devPhone;
        this.conversations = conversations;
        this.outbox = outbox;
        this.pseudonymiser = pseudonymiser;
        this.config = config;
        this.clock = clock;
        this.page = resource("/simulator/index.html");
    }

    @Get(produces = MediaType.TEXT_HTML)
    public String page() {
        return page;
    }

    @Get(uri = "/api/info", produces = MediaType.APPLICATION_JSON)
    public Info info() {
        return new Info(devPhone != null);
    }

    /**
     * The channel a message is written on: the simulator's own ({@code sim:}), or, with the development sender, a real
     * SMS or WhatsApp address, so that everything sent to it later goes through the Twilio code path to the stand-in.
     */
    private Channel channel(@Nullable String name) {
        if (name == null || name.isBlank() || name.equalsIgnoreCase("simulator")) {
            return Channel.SIMULATOR;
        }
        Channel c = name.equalsIgnoreCase("sms") ? Channel.SMS
                : name.equalsIgnoreCase("whatsapp") ? Channel.WHATSAPP : null;
        if (c == null) {
            throw new IllegalArgumentException("channel must be simulator, sms or whatsapp");
        }
        if (devPhone == null) {
            throw new IllegalArgumentException("sms and whatsapp need the development sender (the dev run without "
                    + "TWILIO_ACCOUNT_SID)");
        }
        return c;
    }

    @Post(uri = "/api/messages", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<?> send(@Body SimulatedMessage m) {
        Channel channel;
        try {
            channel = channel(m.channel());
        } catch (IllegalArgumentException e) {
            return HttpResponse.badRequest(new Problem(e.getMessage()));
        }
        Address from;
        try {
            from = Address.of(channel, Address.parse(m.from()).e164());
        } catch (IllegalArgumentException e) {
            return HttpResponse.badRequest(new Problem("from must be a phone number like +447700900123"));
        }
        String text = InboundMessage.clean(m.text());
        int media = m.media() == null ? 0 : m.media();
        if (media < 0 || media > 10) {
            return HttpResponse.badRequest(new Problem("media must be from 0 to 10"));
        }
        if (text.codePointCount(0, text.length()) > config.maxMessageChars()) {
            return HttpResponse.badRequest(new Problem("text is longer than " + config.maxMessageChars()
                    + " characters"));
        }
        if (text.isEmpty() && media == 0) {
            return HttpResponse.badRequest(new Problem("write a message"));
        }
        String id = m.id() != null && m.id().matches("[A-Za-z0-9-]{8,64}") ? "SIM" + m.id().replace("-", "")
                : "SIM" + UUID.randomUUID().toString().replace("-", "");
        ConversationService.Outcome outcome = conversations.handle(
                new InboundMessage(id, from, text, media, clock.instant()));
        return HttpResponse.ok(new SimulatedReply(outcome.conversationId(), outcome.replies(), outcome.duplicate()));
    }

    @Get(uri = "/api/outbox", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<?> outbox(@QueryValue String from, @QueryValue(defaultValue = "0") int after,
                                  @Nullable @QueryValue String channel) {
        Address address;
        try {
            address = Address.of(channel(channel), Address.parse(from).e164());
        } catch (IllegalArgumentException e) {
            return HttpResponse.status(HttpStatus.BAD_REQUEST).body(new Problem(e.getMessage().startsWith("channel")
                    || e.getMessage().startsWith("sms") ? e.getMessage() : "from must be a phone number"));
        }
        if (address.channel() != Channel.SIMULATOR) {
            // what the Twilio stand-in accepted for this SMS or WhatsApp number: the phone's inbox
            List<String> delivered = devPhone.since(address.raw(), Math.max(0, after)).stream()
                    .map(DevPhone.Delivered::body).toList();
            return HttpResponse.ok(new Outbox(delivered, Math.max(0, after) + delivered.size()));
        }
        List<String> messages = outbox.since(pseudonymiser.pseudonym(address.raw()), Math.max(0, after));
        return HttpResponse.ok(new Outbox(messages, Math.max(0, after) + messages.size()));
    }

    private static String resource(String name) {
        try (InputStream in = SimulatorController.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("missing " + name, e);
        }
    }
}
