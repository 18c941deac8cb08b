package org.landatlas.security;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Request rates of anonymous clients, per address and kind of request (GraphQL, tiles, other, and API-token
 * lookups that miss the cache), as token
 * buckets: {@code rate} requests per second on average with bursts up to {@code burst}. A rate of 0 turns the
 * limit off. Signed-in accounts are not limited here. The limits can be changed at run time (tests, operators).
 */
@Component
public class RateLimiter {

    public record Limit(double perSecond, int burst) {
        boolean off() {
            return perSecond <= 0;
        }
    }

    private static final class Bucket {
        double tokens;
        long at;
    }

    private volatile Map<String, Limit> limits;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    RateLimiter(@Value("${landatlas.limits.anonymous.graphql-per-second:30}") double graphql,
                @Value("${landatlas.limits.anonymous.graphql-burst:120}") int graphqlBurst,
                @Value("${landatlas.limits.anonymous.tiles-per-second:300}") double tiles,
                @Value("${landatlas.limits.anonymous.tiles-burst:1200}") int tilesBurst,
                @Value("${landatlas.limits.anonymous.other-per-second:50}") double other,
                @Value("${landatlas.limits.anonymous.other-burst:200}") int otherBurst,
                @Value("${landatlas.limits.token-lookups-per-second:5}") double tokenLookups,
                @Value("${landatlas.limits.token-lookup-burst:30}") int tokenLookupBurst) {
        // Token lookups that miss the cache (each one a database query): generous for real clients, which need one
        // per token every 30 s, tight for anyone guessing tokens.
        this.limits = Map.of("graphql", new Limit(graphql, graphqlBurst), "tiles", new Limit(tiles, tilesBurst), "other", new Limit(other, otherBurst),
                "token-lookup", new Limit(tokenLookups, tokenLookupBurst));
    }

    /** Replaces the limit of one kind (graphql, tiles or other). */
    public void set(String kind, Limit limit) {
        Map<String, Limit> m = new java.util.HashMap<>(limits);
        m.put(kind, limit);
        limits = Map.copyOf(m);
        buckets.clear();
    }

    public Limit get(String kind) {
        return limits.get(kind);
    }

    static String kindOf(String path) {
        if (path.equals("/graphql")) {
            return "graphql";
        }
        return path.startsWith("/tiles/") ? "tiles" : "other";
    }

    /** Seconds to wait before this request would be allowed, 0 when it is allowed (and counted) now. */
    long acquire(String client, String kind) {
        Limit limit = limits.get(kind);
        if (limit == null || limit.off()) {
            return 0;
        }
        Bucket b = buckets.computeIfAbsent(kind + "|" + client, k -> {
            Bucket n = new Bucket();
            n.tokens = limit.burst();
            n.at = System.nanoTime();
            return n;
        });
        synchronized (b) {
            long now = System.nanoTime();
            b.tokens = Math.min(limit.burst(), b.tokens + (now - b.at) / 1e9 * limit.perSecond());
            b.at = now;
            if (b.tokens >= 1) {
                b.tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - b.tokens) / limit.perSecond());
        }
    }

    /** Drops buckets that have refilled (called now and then so idle clients cost no memory). */
    void sweep() {
        long now = System.nanoTime();
        buckets.entrySet().removeIf(e -> {
            Bucket b = e.getValue();
            synchronized (b) {
                return now - b.at > 600_000_000_000L;
            }
        });
    }
}
