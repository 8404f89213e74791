package dev.trawl.redis;

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
 * One of trawl's Lua scripts (lib.lua then its own body), run by its SHA-1 so that only the
 * first call on each server sends the text.
 */
enum Scripts {
    OFFER, LEASE, GIVEBACK, RENEW, HOST, DRAIN, STATS, RESERVE, SETTLE, JOIN;

    private final String text;
    private final String sha;

    Scripts() {
        text = read("lib.lua") + read(name().toLowerCase(java.util.Locale.ROOT) + ".lua");
        try {
            sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String read(String name) {
        try (InputStream in = Scripts.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs the script on the slot of {@code key} (a '...stats' key) with {@code args}. */
    Object run(UnifiedJedis redis, String key, List<String> args) {
        try {
            return redis.evalsha(sha, List.of(key), args);
        } catch (JedisNoScriptException e) {
            // A server that restarted, or another node of the cluster: EVAL loads it there.
            return redis.eval(text, List.of(key), args);
        }
    }
}
