package org.helpline.gateway.redis;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.BasicHttpAttributes;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * Redis unreachable (restarting, network): answer 503 with Retry-After instead of a bare 500. Twilio retries a failed
 * webhook, and the retry is deduplicated on its MessageSid, so nothing is lost or processed twice; the Jedis pool
 * reconnects by itself when Redis is back, and {@code /health} shows the outage meanwhile.
 */
@Produces
@Singleton
@Requires(classes = {JedisConnectionException.class, ExceptionHandler.class})
public class RedisUnavailableHandler implements ExceptionHandler<JedisConnectionException, HttpResponse<?>> {
    private static final Logger LOG = LoggerFactory.getLogger(RedisUnavailableHandler.class);
    /** Counts the failure (metrics); {@code NONE} when built by hand. */
    @jakarta.inject.Inject
    RedisFailures failures = RedisFailures.NONE;

    @Override
    public HttpResponse<?> handle(HttpRequest request, JedisConnectionException exception) {
        failures.failed(exception);
        // the route's template, never the path: a path can carry a conversation id (/console/api/conversations/…)
        LOG.warn("Redis unavailable for {} {}: answering 503", request.getMethod(),
                BasicHttpAttributes.getUriTemplate(request).orElse("(no route)"));
        return HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header("Retry-After", "5")
                .contentType(MediaType.TEXT_PLAIN_TYPE)
                .body("storage temporarily unavailable, retry\n");
    }
}
