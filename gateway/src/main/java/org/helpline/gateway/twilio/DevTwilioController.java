package org.helpline.gateway.twilio;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.helpline.gateway.channel.Address;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The development run's stand-in for api.twilio.com, in-process: the real Twilio SDK ({@link TwilioRestSender}, built
 * by {@link DevTwilioSender}) creates messages here as it would at Twilio, so a counsellor's reply and a campaign take
 * the production code path without an account. Accepted messages land on {@link DevPhone} (the simulator shows them
 * as that number's phone) and, like Twilio, their status callbacks come back signed ("sent", then "delivered") to
 * {@code /twilio/status}, where the gateway checks the signature and counts them.
 *
 * <p>Only the two calls the gateway makes exist: create a message and list the messages to a number (the lookup
 * after an ambiguous failure). Requests must carry the stand-in account's Basic credentials, and status callbacks go
 * only to this server, never to a URL a request names elsewhere.
 */
@Controller(DevTwilio.PATH + "/2010-04-01/Accounts/{account}")
@Secured(SecurityRule.IS_ANONYMOUS)
@Requires(bean = DevTwilio.class)
@ExecuteOn(TaskExecutors.BLOCKING)
public class DevTwilioController {
    private static final Logger LOG = LoggerFactory.getLogger(DevTwilioController.class);
    /** Twilio's date format (RFC 2822), which the SDK parses. */
    private static final DateTimeFormatter DATE = DateTimeFormatter.RFC_1123_DATE_TIME;

    private final DevTwilio account;
    private final DevPhone phone;
    private final JsonMapper json;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** Status callbacks are posted after the create's answer, as Twilio does: never inside the sender's call. */
    private final ScheduledExecutorService callbacks = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "dev-twilio-callbacks");
        t.setDaemon(true);
        return t;
    });

    public DevTwilioController(DevTwilio account, DevPhone phone, JsonMapper json, Clock clock) {
        this.account = account;
        this.phone = phone;
        this.json = json;
        this.clock = clock;
    }

    @PreDestroy
    void stop() {
        callbacks.shutdownNow();
    }

    @Post(uri = "/Messages.json", consumes = MediaType.APPLICATION_FORM_URLENCODED,
            produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> create(@PathVariable String account, @Body byte[] body,
                                       @Nullable @Header("Authorization") String authorization) throws IOException {
        if (!authorised(account, authorization)) {
            return error(HttpStatus.UNAUTHORIZED, 20003, "Authenticate");
        }
        Map<String, String> form;
        try {
            form = FormParser.parse(body);
        } catch (FormParser.FormException e) {
            return error(HttpStatus.BAD_REQUEST, 21000, "malformed form");
        }
        String to = form.get("To");
        try {
            Address.parse(to);
        } catch (IllegalArgumentException e) {
            return error(HttpStatus.BAD_REQUEST, 21211, "Invalid 'To' Phone Number");
        }
        String text = form.get("Body") != null ? form.get("Body")
                : form.get("ContentSid") != null ? "[template " + form.get("ContentSid") + "]" : null;
        if (text == null) {
            return error(HttpStatus.BAD_REQUEST, 21602, "Message body is required");
        }
        byte[] id = new byte[16];
        random.nextBytes(id);
        String sid = "SM" + HexFormat.of().formatHex(id);
        Instant now = clock.instant();
        phone.deliver(to, sid, now, text);
        String callback = form.get("StatusCallback");
        if (callback != null && callback.startsWith(this.account.localBase() + "/")) {
            callbacks.schedule(() -> status(callback, sid, "sent"), 100, TimeUnit.MILLISECONDS);
            callbacks.schedule(() -> status(callback, sid, "delivered"), 400, TimeUnit.MILLISECONDS);
        }
        Map<String, Object> message = resource(sid, to, form.get("From"), text, now, "queued");
        return HttpResponse.<String>status(HttpStatus.CREATED).body(json.writeValueAsString(message))
                .contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    /** Twilio's message list filtered by {@code To}: what the sender's lookup reads. One page holds them all. */
    @Get(uri = "/Messages.json", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> list(@PathVariable String account, @Nullable @QueryValue("To") String to,
                                     @Nullable @Header("Authorization") String authorization) throws IOException {
        if (!authorised(account, authorization)) {
            return error(HttpStatus.UNAUTHORIZED, 20003, "Authenticate");
        }
        List<Map<String, Object>> messages = new ArrayList<>();
        if (to != null) {
            for (DevPhone.Delivered d : phone.since(to, 0)) {
                messages.add(resource(d.sid(), to, DevTwilio.FROM, d.body(), d.at(), "delivered"));
            }
        }
        String path = DevTwilio.PATH + "/2010-04-01/Accounts/" + account + "/Messages.json";
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("messages", messages);
        page.put("uri", path);
        page.put("first_page_uri", path);
        page.put("next_page_uri", null);
        page.put("previous_page_uri", null);
        page.put("page", 0);
        page.put("page_size", 50);
        page.put("start", 0);
        page.put("end", Math.max(0, messages.size() - 1));
        return HttpResponse.ok(json.writeValueAsString(page)).contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    private Map<String, Object> resource(String sid, String to, String from, String body, Instant at, String status) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sid", sid);
        m.put("account_sid", account.accountSid());
        m.put("to", to);
        m.put("from", from);
        m.put("body", body);
        m.put("status", status);
        m.put("num_segments", "1");
        m.put("date_created", DATE.format(at.atZone(ZoneOffset.UTC)));
        return m;
    }

    private boolean authorised(String accountInPath, String authorization) {
        String expected = "Basic " + Base64.getEncoder().encodeToString(
                (account.accountSid() + ":" + account.authToken()).getBytes(StandardCharsets.UTF_8));
        return account.accountSid().equals(accountInPath) && authorization != null
                && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                authorization.getBytes(StandardCharsets.UTF_8));
    }

    /** Posts one status callback, signed as Twilio signs (HMAC-SHA1 of the URL and the sorted fields). */
    private void status(String url, String sid, String status) {
        Map<String, String> form = new TreeMap<>();
        form.put("AccountSid", account.accountSid());
        form.put("MessageSid", sid);
        form.put("MessageStatus", status);
        StringBuilder encoded = new StringBuilder();
        form.forEach((k, v) -> encoded.append(encoded.isEmpty() ? "" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        try {
            var response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("X-Twilio-Signature", sign(account.authToken(), url, form))
                    .POST(HttpRequest.BodyPublishers.ofString(encoded.toString())).build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() != 200) {
                LOG.warn("dev stand-in: a status callback was answered {}", response.statusCode());
            }
        } catch (IOException e) {
            LOG.warn("dev stand-in: a status callback could not be posted ({})", e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String sign(String token, String url, Map<String, String> params) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            mac.update(url.getBytes(StandardCharsets.UTF_8));
            new TreeMap<>(params).forEach((k, v) -> {
                mac.update(k.getBytes(StandardCharsets.UTF_8));
                mac.update(v.getBytes(StandardCharsets.UTF_8));
            });
            return Base64.getEncoder().encodeToString(mac.doFinal());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> error(HttpStatus status, int code, String message) throws IOException {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("code", code);
        e.put("message", message);
        e.put("status", status.getCode());
        e.put("more_info", "https://www.twilio.com/docs/errors/" + code);
        return HttpResponse.<String>status(status).body(json.writeValueAsString(e))
                .contentType(MediaType.APPLICATION_JSON_TYPE);
    }
}
