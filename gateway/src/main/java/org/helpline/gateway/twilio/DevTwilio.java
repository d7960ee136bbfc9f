package org.helpline.gateway.twilio;

import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Requires;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The development run's stand-in Twilio account ({@code helpline.dev-sender.enabled}, on in {@code dev} while no real
 * {@code TWILIO_ACCOUNT_SID} is set): an account SID and auth token drawn at start-up, and the base URL of the
 * in-process stand-in ({@link DevTwilioController}) on this server's own port. Drawn, not fixed, so that nothing
 * outside this process can sign a status callback the gateway would believe.
 */
@Singleton
@Requires(property = "helpline.dev-sender.enabled", value = "true")
@Requires(missingProperty = "twilio.account-sid")
public final class DevTwilio {
    /** The stand-in's sending number: Ofcom's drama range, which no real phone has. */
    public static final String FROM = "+447700900000";
    static final String PATH = "/dev/twilio";
    private final String accountSid;
    private final String authToken;
    private final BeanProvider<EmbeddedServer> server;

    public DevTwilio(BeanProvider<EmbeddedServer> server) {
        SecureRandom random = new SecureRandom();
        byte[] sid = new byte[16];
        byte[] token = new byte[16];
        random.nextBytes(sid);
        random.nextBytes(token);
        this.accountSid = "AC" + HexFormat.of().formatHex(sid);
        this.authToken = HexFormat.of().formatHex(token);
        this.server = server;
    }

    public String accountSid() {
        return accountSid;
    }

    public String authToken() {
        return authToken;
    }

    /**
     * This server on loopback: the stand-in is called and calls back there. Asked when first needed, as the port is
     * only known once the server has started (tests use a random one).
     */
    public String localBase() {
        return "http://127.0.0.1:" + server.get().getPort();
    }

    public String apiBaseUrl() {
        return localBase() + PATH;
    }
}
