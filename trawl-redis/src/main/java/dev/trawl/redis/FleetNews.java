package dev.trawl.redis;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The crawl's pub/sub channel, on which its processes wake each other: a partition where a host
 * became due earlier, a page budget with room again, the crawl's end. One virtual thread
 * listens, and subscribes again when the connection drops (news may then have been lost, which
 * the listener is told).
 */
final class FleetNews {

    /** What a process does with its fleet's news. */
    interface Listener {
        /** Partition p may have a host due now. */
        void partition(int p);

        /** The page budget may have room, or the crawl may be over. */
        void budget(boolean room);

        /** The connection dropped: news may have been lost. */
        void lost();
    }

    private static final String BUDGET = "budget";
    private static final String DONE = "done";

    private final UnifiedJedis redis;
    private final String channel;
    private final Listener listener;
    private final Subscription subscription = new Subscription();
    private final Thread thread;

    /**
     * Subscribes, and returns once subscribed.
     *
     * @throws JedisException when Redis does not answer the subscription in time
     */
    FleetNews(UnifiedJedis redis, RedisTarget target, String channel, Listener listener) {
        this.redis = redis;
        this.channel = channel;
        this.listener = listener;
        this.thread = Thread.ofVirtual().name("trawl-redis-events").start(this::listen);
        try {
            if (!subscription.subscribed.await(30, TimeUnit.SECONDS)) {
                stop();
                throw new JedisException("no answer to SUBSCRIBE from " + target);
            }
        } catch (InterruptedException e) {
            stop();
            Thread.currentThread().interrupt();
            throw new JedisException("interrupted while joining " + target, e);
        }
    }

    /** Tells every process (this one too) to look at partition p. */
    void partition(int p) {
        redis.publish(channel, Integer.toString(p));
    }

    /** Tells every process the page budget changed. */
    void budget() {
        redis.publish(channel, BUDGET);
    }

    /** Tells every process the crawl is over. */
    void done() {
        redis.publish(channel, DONE);
    }

    /** Stops listening. */
    void stop() {
        subscription.stopping = true;
        try {
            if (subscription.isSubscribed()) {
                subscription.unsubscribe();
            }
        } catch (JedisException e) {
            // The connection is gone already, and the subscription with it.
        }
        thread.interrupt();
    }

    /** Waits a while for the listening thread to end. */
    void join(Duration d) throws InterruptedException {
        thread.join(d);
    }

    private void listen() {
        while (!subscription.stopping) {
            try {
                redis.subscribe(subscription, channel);
            } catch (JedisException e) {
                if (subscription.stopping) {
                    return;
                }
                listener.lost();
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    private final class Subscription extends JedisPubSub {
        final CountDownLatch subscribed = new CountDownLatch(1);
        volatile boolean stopping;

        @Override
        public void onSubscribe(String ch, int count) {
            subscribed.countDown();
        }

        @Override
        public void onMessage(String ch, String message) {
            switch (message) {
                case BUDGET -> listener.budget(true);
                case DONE -> listener.budget(false);
                default -> listener.partition(Integer.parseInt(message));
            }
        }
    }
}
