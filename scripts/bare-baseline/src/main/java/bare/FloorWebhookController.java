package bare;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.annotation.ExecuteOn;
import redis.clients.jedis.UnifiedJedis;

/**
 * The floor of {@code scripts/bench load}: the bare baseline's webhook after the least a message can ask of Redis, one
 * round trip with one command ({@code INCR}), through the gateway's client (Jedis, blocking, a pool of 64 connections
 * as in the gateway). No pipeline in this stack that touches Redis once per message answers faster than this.
 * Two modes, chosen with {@code BARE_MODE}:
 * <ul>
 *   <li>{@code redis-pool}: on a fixed pool of 16 threads ({@code micronaut.executors.webhooks}), as the gateway runs
 *       its webhooks: the event loop hands the request over and the answer back;</li>
 *   <li>{@code redis-loop}: on the event loop itself, blocking it for the round trip (no hand-off).</li>
 * </ul>
 */
final class FloorWebhookController {
    private FloorWebhookController() {
    }

    static String answer(UnifiedJedis redis) {
        redis.incr("bare:messages");
        return WebhookController.REPLY;
    }

    @Controller("/twilio")
    @Requires(property = "bare.mode", value = "redis-pool")
    @ExecuteOn("webhooks")
    public static class Pool {
        private final UnifiedJedis redis;

        public Pool(UnifiedJedis redis) {
            this.redis = redis;
        }

        @Post(uri = "/messages", consumes = MediaType.APPLICATION_FORM_URLENCODED,
                produces = MediaType.APPLICATION_XML)
        public String messages(@Body byte[] body) {
            return answer(redis);
        }
    }

    @Controller("/twilio")
    @Requires(property = "bare.mode", value = "redis-loop")
    public static class Loop {
        private final UnifiedJedis redis;

        public Loop(UnifiedJedis redis) {
            this.redis = redis;
        }

        @Post(uri = "/messages", consumes = MediaType.APPLICATION_FORM_URLENCODED,
                produces = MediaType.APPLICATION_XML)
        public String messages(@Body byte[] body) {
            return answer(redis);
        }
    }
}
