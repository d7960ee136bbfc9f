package org.helpline.gateway.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.helpline.gateway.privacy.Keys;
import org.helpline.gateway.privacy.PrivacyConfiguration;
import org.helpline.gateway.privacy.Pseudonymiser;
import org.helpline.gateway.redis.EmbeddedRedis;
import org.helpline.gateway.support.TwilioStandIn;

/**
 * A production-shaped deployment on one machine: one Redis server and two gateway instances (A and B), each its own
 * OS process, sharing the keys, the session secret and Redis, sending through a Twilio stand-in that runs in this JVM.
 * Nothing is configured in-process: every setting is an environment variable, as in docs/deployment.md.
 */
final class Cluster implements AutoCloseable {
    static final Duration QUEUE_LEASE = Duration.ofSeconds(5);
    static final Duration CAMPAIGN_LEASE = Duration.ofSeconds(5);
    static final String ADMIN = "chaos-admin";
    static final String ADMIN_PASSWORD = "chaos-admin-password";

    final TwilioStandIn twilio = new TwilioStandIn();
    final RedisProcess redis;
    final GatewayProcess a;
    final GatewayProcess b;
    final Pseudonymiser pseudonyms;
    private final Map<String, String> env = new HashMap<>();

    /** Starts Redis and both gateways, and waits until both answer {@code /health} with 200. */
    Cluster(String scenario, Path workDir, Path jar, Map<String, String> extraEnv) {
        Path dir = workDir.resolve(scenario);
        try {
            if (Files.exists(dir)) {
                try (var walk = Files.walk(dir)) {
                    walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        redis = new RedisProcess(EmbeddedRedis.freePort(), dir.resolve("redis-data"), dir.resolve("redis.log"));
        redis.start();

        String messageKey = randomKey();
        String pseudonymKey = randomKey();
        pseudonyms = new Pseudonymiser(new Keys(new PrivacyConfiguration(Map.of("k1", messageKey), "k1",
                pseudonymKey, null, Duration.ofDays(90))));
        env.put("REDIS_URL", redis.url());
        env.put("TWILIO_ACCOUNT_SID", Web.ACCOUNT);
        env.put("TWILIO_AUTH_TOKEN", Web.TOKEN);
        env.put("TWILIO_FROM", "+447700900999");
        env.put("TWILIO_API_BASE_URL", twilio.baseUrl());
        // a campaign lease must be well above the REST timeout (CampaignConfiguration): 5 s lease, 2 s timeout
        env.put("TWILIO_TIMEOUT", "2s");
        env.put("HELPLINE_PUBLIC_URL", Web.PUBLIC_URL);
        env.put("HELPLINE_JWT_SECRET", "chaos-" + randomKey());
        env.put("HELPLINE_PRIVACY_MESSAGE_KEYS_K1", messageKey);
        env.put("HELPLINE_PRIVACY_CURRENT_KEY_ID", "k1");
        env.put("HELPLINE_PRIVACY_PSEUDONYM_KEY", pseudonymKey);
        env.put("HELPLINE_QUEUE_LEASE", QUEUE_LEASE.toSeconds() + "s");
        env.put("HELPLINE_CAMPAIGNS_LEASE", CAMPAIGN_LEASE.toSeconds() + "s");
        env.put("HELPLINE_CONSOLE_BOOTSTRAP_ADMIN", ADMIN + ":" + ADMIN_PASSWORD);
        env.putAll(extraEnv);
        Path jarPath = jar.toAbsolutePath();
        a = new GatewayProcess("A", EmbeddedRedis.freePort(), jarPath, dir.resolve("gateway-a.log")).start(env);
        b = new GatewayProcess("B", EmbeddedRedis.freePort(), jarPath, dir.resolve("gateway-b.log")).start(env);
        try {
            a.awaitHealthy(180_000);
            b.awaitHealthy(180_000);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        System.err.printf("[%s] redis pid %d on %d, gateway A pid %d at %s, gateway B pid %d at %s (logs in %s)%n",
                scenario, redis.pid(), redis.port(), a.pid(), a.url(), b.pid(), b.url(), dir);
    }

    /** Creates console users through the admin API, as an administrator would. */
    void createUser(String name, String password, List<String> roles, int capacity) {
        Web.Console admin = Web.Console.login(a.url(), ADMIN, ADMIN_PASSWORD);
        admin.expect(201, "/console/api/admin/users", String.format(
                "{\"username\":\"%s\",\"password\":\"%s\",\"roles\":[%s],\"languages\":[\"en\"],\"capacity\":%d}",
                name, password, String.join(",", roles.stream().map(r -> "\"" + r + "\"").toList()), capacity));
    }

    /** The conversation id the gateways derive from a texter's address (same pseudonym key). */
    String conversationId(String address) {
        return pseudonyms.pseudonym(address);
    }

    @Override
    public void close() {
        Children.killAll();
        twilio.close();
    }

    private static String randomKey() {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        return Base64.getEncoder().encodeToString(k);
    }
}
