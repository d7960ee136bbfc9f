package org.helpline.gateway.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * A Lua script kept as a resource file ({@code /lua/<name>.lua}), run with EVALSHA and an EVAL fallback when the
 * server does not know it (first use, or after a Redis restart). Each script has one typed wrapper; callers never
 * assemble KEYS and ARGV themselves.
 */
public final class LuaScript {
    private final UnifiedJedis redis;
    private final String name;
    private final String source;
    private volatile String sha;

    public LuaScript(UnifiedJedis redis, String name) {
        this.redis = redis;
        this.name = name;
        this.source = read("/lua/" + name + ".lua");
    }

    public Object run(List<String> keys, List<String> args) {
        String known = sha;
        if (known != null) {
            try {
                return redis.evalsha(known, keys, args);
            } catch (JedisNoScriptException e) {
                // the server restarted or flushed its script cache: load it again below
            }
        }
        Object result = redis.eval(source, keys, args);
        sha = redis.scriptLoad(source);
        return result;
    }

    /**
     * Queues the script in a pipeline (EVAL with the source: a pipeline cannot fall back on NOSCRIPT, and Redis
     * caches the compiled script by its SHA either way).
     */
    public redis.clients.jedis.Response<Object> queue(redis.clients.jedis.AbstractPipeline pipeline, List<String> keys,
                                                      List<String> args) {
        return pipeline.eval(source, keys, args);
    }

    public String name() {
        return name;
    }

    private static String read(String resource) {
        try (InputStream in = LuaScript.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing Lua script " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
