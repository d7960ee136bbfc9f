package org.helpline.gateway.support;

import java.util.HashMap;
import java.util.Map;

/** The settings a Micronaut test of the service starts from (its {@code getProperties()}). */
public final class TestProperties {
    /** The Twilio auth token and public URL the signed-webhook tests sign with. */
    public static final String TOKEN = "test-auth-token-0123456789";
    public static final String PUBLIC = "https://helpline.example.org";

    private TestProperties() {
    }

    /**
     * {@link #of} plus what a test of signed webhooks with the real Twilio SDK needs: the auth token and public URL
     * ({@link #TOKEN}, {@link #PUBLIC}), a test account and sender number, the SDK pointed at {@code twilio} (the
     * local stand-in), and campaigns off.
     */
    public static Map<String, String> signedTwilio(String name, TwilioStandIn twilio, String... pairs) {
        String[] all = new String[pairs.length + 12];
        String[] twilioPairs = {"twilio.auth-token", TOKEN, "helpline.public-url", PUBLIC,
                "twilio.account-sid", "AC00000000000000000000000000000000", "twilio.from", "+447700900999",
                "twilio.api-base-url", twilio.baseUrl(), "helpline.campaigns.enabled", "false"};
        System.arraycopy(twilioPairs, 0, all, 0, twilioPairs.length);
        System.arraycopy(pairs, 0, all, twilioPairs.length, pairs.length);
        return of(name, all);
    }

    /**
     * This test JVM's Redis ({@link TestRedis}) and a key file of the test's own
     * ({@code <tmp>/<name>-keys-<pid>.properties}), plus {@code pairs}: setting, value, setting, value...
     */
    public static Map<String, String> of(String name, String... pairs) {
        if (pairs.length % 2 != 0) {
            throw new IllegalArgumentException("settings come in pairs: " + pairs.length + " strings given");
        }
        Map<String, String> p = new HashMap<>();
        p.put("redis.url", TestRedis.url());
        p.put("helpline.privacy.local-key-file", System.getProperty("java.io.tmpdir") + "/" + name + "-keys-"
                + ProcessHandle.current().pid() + ".properties");
        for (int i = 0; i < pairs.length; i += 2) {
            p.put(pairs[i], pairs[i + 1]);
        }
        return p;
    }
}
