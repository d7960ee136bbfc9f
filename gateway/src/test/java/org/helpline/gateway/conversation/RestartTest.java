package org.helpline.gateway.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.helpline.gateway.redis.EmbeddedRedis;
import org.helpline.gateway.support.Http;
import org.junit.jupiter.api.Test;

/**
 * The application restarts mid-conversation, and then Redis itself restarts (append-only file): the texter carries on
 * where they left off both times.
 */
class RestartTest {

    private static String say(EmbeddedServer server, String text) {
        String body = "{\"from\":\"+447700900321\",\"text\":\"" + text + "\"}";
        var r = Http.post(server.getURL() + "/simulator/api/messages", "application/json", Http.utf8(body), Map.of());
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }

    private static EmbeddedServer start(EmbeddedRedis redis, Path keys) {
        return ApplicationContext.run(EmbeddedServer.class, Map.of(
                "micronaut.server.port", -1,
                "redis.url", redis.url(),
                "helpline.simulator.enabled", true,
                "helpline.privacy.local-key-file", keys.toString()));
    }

    @Test
    void conversationContinuesAcrossApplicationAndRedisRestarts() throws Exception {
        Path dir = Files.createTempDirectory("restart-redis");
        Path keys = Files.createTempDirectory("restart-keys").resolve("keys.properties");
        int port = EmbeddedRedis.freePort();
        EmbeddedRedis redis = EmbeddedRedis.start(port, dir);
        try {
            EmbeddedServer first = start(redis, keys);
            assertTrue(say(first, "hi").contains("Reply YES to continue"));
            assertTrue(say(first, "yes").contains("How old are you?"));
            assertTrue(say(first, "17").contains("Can we use your messages"));
            first.getApplicationContext().close();

            EmbeddedServer second = start(redis, keys);
            assertTrue(say(second, "yes").contains("Which language do you prefer?"),
                    "continues at the training question");
            assertTrue(say(second, "1").contains("What would you like help with?"), "and at the language step");
            second.getApplicationContext().close();

            redis.close();
            Thread.sleep(1500); // appendfsync everysec
        } finally {
            redis.close();
        }
        EmbeddedRedis again = EmbeddedRedis.start(port, dir);
        try {
            EmbeddedServer third = start(again, keys);
            String reply = say(third, "2");
            assertTrue(reply.contains("Being bullied online is never your fault"), reply);
            third.getApplicationContext().close();
        } finally {
            again.close();
        }
    }
}
