package dev.trawl.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * One of trawl's Lua scripts (lib.lua then its own body), run by its SHA-1 so that only the
 * first call on each server sends the text.
 */
enum Scripts {
    OFFER,
    LEASE,
    SENT,
    CONTACTED,
    GIVEBACK,
    RENEW,
    HOST,
    DRAIN,
    HOSTPAGE,
    STATS,
    RESERVE,
    SETTLE,
    JOIN;

    private final String text;
    private final String sha;

    Scripts() {
        text = read("lib.lua") + read(name().toLowerCase(java.util.Locale.ROOT) + ".lua");
        try {
            sha = HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
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

    /** One script call, for {@link #runAll}. */
    record Call(Scripts script, String key, List<String> args) {}

    /**
     * Runs the calls in one pipeline (one round trip per node), returning their replies in order.
     * A call the server did not know the script for ran not at all, so it is run again alone.
     */
    static List<Object> runAll(UnifiedJedis redis, List<Call> calls) {
        if (calls.size() == 1) {
            Call c = calls.get(0);
            return List.of(c.script.run(redis, c.key, c.args));
        }
        List<Response<Object>> responses = new ArrayList<>(calls.size());
        try (AbstractPipeline pipeline = redis.pipelined()) {
            for (Call c : calls) {
                responses.add(pipeline.evalsha(c.script.sha, List.of(c.key), c.args));
            }
            pipeline.sync();
        }
        List<Object> replies = new ArrayList<>(calls.size());
        for (int i = 0; i < calls.size(); i++) {
            try {
                replies.add(responses.get(i).get());
            } catch (JedisDataException e) {
                if (e.getMessage() == null || !e.getMessage().startsWith("NOSCRIPT")) {
                    throw e;
                }
                Call c = calls.get(i);
                replies.add(c.script.run(redis, c.key, c.args));
            }
        }
        return replies;
    }
}
