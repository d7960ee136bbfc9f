package org.helpline.gateway.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
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
    private final String sha;

    public LuaScript(UnifiedJedis redis, String name) {
        this.redis = redis;
        this.name = name;
        this.source = read("/lua/" + name + ".lua");
        this.sha = sha1Hex(source);
    }

    /** One round trip once the server knows the script (EVAL loads it into the server's cache as it runs it). */
    public Object run(List<String> keys, List<String> args) {
        try {
            return redis.evalsha(sha, keys, args);
        } catch (JedisNoScriptException e) {
            // first use on this server, or it restarted or flushed its script cache
            return redis.eval(source, keys, args);
        }
    }

    static String sha1Hex(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
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
