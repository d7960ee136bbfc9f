package org.helpline.gateway.twilio;

import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import org.helpline.gateway.campaign.CampaignStatuses;
import org.helpline.gateway.security.Refusals;
import org.helpline.gateway.channel.Address;
import org.helpline.gateway.channel.Channel;
import org.helpline.gateway.channel.InboundMessage;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.time.Clock;
import java.util.regex.Pattern;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.helpline.gateway.config.HelplineConfiguration;
import org.helpline.gateway.conversation.ConversationBusy;
import org.helpline.gateway.conversation.ConversationService;

/**
 * Twilio's webhooks: {@code POST /twilio/messages} (inbound SMS and WhatsApp) and {@code POST /twilio/status} (delivery
 * status). Both are signed; the body is parsed strictly. Replies go back as TwiML in the response.
 */
@Controller("/twilio")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TwilioWebhookController.EXECUTOR)
public class TwilioWebhookController {
    /**
     * Webhooks run on their own fixed pool ({@code micronaut.executors.webhooks}, 16 threads by default): under a
     * burst, requests wait their turn in its queue instead of hundreds of threads fighting over the cores.
     */
    public static final String EXECUTOR = "webhooks";
    private static final Set<String> STATUSES = Set.of("accepted", "scheduled", "queued", "sending", "sent",
            "delivered", "undelivered", "failed", "read", "receiving", "received", "canceled", "partially_delivered");

    /** Compiled once (String.matches compiles its pattern on every call). */
    private static final Pattern SID = Pattern.compile("[A-Za-z0-9]{10,64}");

    private final WebhookAuthenticator authenticator;
    private final ConversationService conversations;
    private final DeliveryStatuses statuses;
    private final CampaignStatuses campaignStatuses;
    private final HelplineConfiguration config;
    private final Clock clock;
    /** Refused webhooks are counted and summed up once a minute, not logged one by one (a log flood). */
    private final Refusals refusals;

    public TwilioWebhookController(WebhookAuthenticator authenticator, ConversationService conversations,
                                   DeliveryStatuses statuses, HelplineConfiguration config, Clock clock,
                                   CampaignStatuses campaignStatuses,
                                   Refusals refusals) {
        this.refusals = refusals;
        this.campaignStatuses = campaignStatuses;
        this.authenticator = authenticator;
        this.conversations = conversations;
        this.statuses = statuses;
        this.config = config;
        this.clock = clock;
    }

    @Post(uri = "/messages", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.APPLICATION_XML)
    public HttpResponse<String> messages(HttpRequest<?> request, @Body byte[] body,
                                         @Nullable @Header("X-Twilio-Signature") String signature) {
        Signed signed = signed(request, body, signature, "inbound webhook refused");
        if (signed.refusal() != null) {
            return signed.refusal();
        }
        Map<String, String> form = signed.form();
        for (String required : List.of("MessageSid", "From", "Body")) {
            if (form.get(required) == null) {
                return problem(HttpStatus.BAD_REQUEST, "missing field " + required);
            }
        }
        String sid = form.get("MessageSid");
        if (!SID.matcher(sid).matches()) {
            return problem(HttpStatus.BAD_REQUEST, "MessageSid is malformed");
        }
        Address from;
        try {
            from = Address.parse(form.get("From"));
        } catch (IllegalArgumentException e) {
            return problem(HttpStatus.BAD_REQUEST, "From is not a phone number: " + e.getMessage());
        }
        if (from.channel() == Channel.SIMULATOR) {
            return problem(HttpStatus.BAD_REQUEST, "From must be an SMS or WhatsApp address");
        }
        String text = InboundMessage.clean(form.get("Body"));
        if (text.codePointCount(0, text.length()) > config.maxMessageChars()) {
            return problem(HttpStatus.BAD_REQUEST, "Body is longer than " + config.maxMessageChars() + " characters");
        }
        int media;
        try {
            media = Integer.parseInt(form.getOrDefault("NumMedia", "0").trim());
            if (media < 0 || media > 10) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            return problem(HttpStatus.BAD_REQUEST, "NumMedia must be a number from 0 to 10");
        }
        try {
            ConversationService.Outcome outcome = conversations.handle(
                    new InboundMessage(sid, from, text, media, clock.instant()));
            return HttpResponse.ok(Twiml.messages(outcome.replies())).contentType(MediaType.APPLICATION_XML_TYPE);
        } catch (ConversationBusy e) {
            // Twilio will retry; the retry is deduplicated on MessageSid
            return problem(HttpStatus.SERVICE_UNAVAILABLE, "conversation busy, retry");
        }
    }

    @Post(uri = "/status", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_PLAIN)
    public HttpResponse<String> status(HttpRequest<?> request, @Body byte[] body,
                                       @Nullable @Header("X-Twilio-Signature") String signature) {
        Signed signed = signed(request, body, signature, "status callback refused");
        if (signed.refusal() != null) {
            return signed.refusal();
        }
        Map<String, String> form = signed.form();
        String sid = form.get("MessageSid");
        String status = form.get("MessageStatus");
        if (sid == null || status == null) {
            return problem(HttpStatus.BAD_REQUEST, "missing field " + (sid == null ? "MessageSid" : "MessageStatus"));
        }
        if (!SID.matcher(sid).matches() || !STATUSES.contains(status)) {
            return problem(HttpStatus.BAD_REQUEST, "unknown MessageSid or MessageStatus format");
        }
        boolean recorded = statuses.record(sid, status, form.get("ErrorCode"));
        String campaign = request.getParameters().get("campaign");
        if (recorded && campaign != null) {
            // a campaign message: its status callback URL names the campaign and the recipient's pseudonym
            campaignStatuses.record(campaign, request.getParameters().get("r"), status, form.get("ErrorCode"));
        }
        return HttpResponse.ok(recorded ? "recorded" : "duplicate").contentType(MediaType.TEXT_PLAIN_TYPE);
    }

    /** A webhook's form, parsed strictly and signed by Twilio; or the answer refusing it (400, or 403 counted). */
    private record Signed(Map<String, String> form, HttpResponse<String> refusal) {
    }

    private Signed signed(HttpRequest<?> request, byte[] body, String signature, String refused) {
        Map<String, String> form;
        try {
            form = FormParser.parse(body);
        } catch (FormParser.FormException e) {
            return new Signed(null, problem(HttpStatus.BAD_REQUEST, e.getMessage()));
        }
        WebhookAuthenticator.Verdict verdict = authenticator.verify(pathAndQuery(request), form, signature);
        if (!verdict.accepted()) {
            refusals.count(refused, verdict.reason());
            return new Signed(null, problem(HttpStatus.FORBIDDEN, verdict.reason()));
        }
        return new Signed(form, null);
    }

    private static String pathAndQuery(HttpRequest<?> request) {
        String path = request.getUri().getRawPath();
        String query = request.getUri().getRawQuery();
        return query == null ? path : path + "?" + query;
    }

    private static HttpResponse<String> problem(HttpStatus status, String message) {
        return HttpResponse.<String>status(status).body(message + "\n").contentType(MediaType.TEXT_PLAIN_TYPE);
    }
}
