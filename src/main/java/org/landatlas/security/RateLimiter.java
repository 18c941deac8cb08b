package org.landatlas.security;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Request rates of anonymous clients, per address and kind of request (GraphQL, tiles, other, and API-token
 * lookups that miss the cache), as Bucket4j token buckets ({@link BucketStore}): {@code rate} requests per second
 * on average with bursts up to {@code burst}. A rate of 0 turns the limit off. Signed-in accounts are not limited
 * here. The limits can be changed at run time (tests, administrators' {@code setRateLimit}).
 */
@Component
public class RateLimiter {

    public record Limit(double perSecond, int burst) {
        boolean off() {
            return perSecond <= 0;
        }

        /** {@code burst} tokens, refilled continuously at {@code perSecond}. */
        BucketConfiguration bucket() {
            Duration refillAll = Duration.ofNanos(Math.max(1, Math.round(burst * 1e9 / perSecond)));
            return BucketConfiguration.builder()
                    .addLimit(l -> l.capacity(burst).refillGreedy(burst, refillAll))
                    .build();
        }
    }

    /**
     * A limit with the version of its configuration: buckets made under an older version are reset to the new one
     * the next time they are used (Bucket4j's implicit configuration replacement), as if they had been dropped.
     */
    private record Configured(Limit limit, BucketConfiguration bucket, long version) {
    }

    private final ProxyManager<String> buckets;
    private final AtomicLong versions = new AtomicLong();
    private volatile Map<String, Configured> limits;

    /** Refusals counted in landatlas.limits.refusals{limit} (null without metrics). */
    private final MeterRegistry meters;

    RateLimiter(ProxyManager<String> buckets, ObjectProvider<MeterRegistry> meters,
                @Value("${landatlas.limits.anonymous.graphql-per-second:30}") double graphql,
                @Value("${landatlas.limits.anonymous.graphql-burst:120}") int graphqlBurst,
                @Value("${landatlas.limits.anonymous.tiles-per-second:300}") double tiles,
                @Value("${landatlas.limits.anonymous.tiles-burst:1200}") int tilesBurst,
                @Value("${landatlas.limits.anonymous.other-per-second:50}") double other,
                @Value("${landatlas.limits.anonymous.other-burst:200}") int otherBurst,
                @Value("${landatlas.limits.token-lookups-per-second:5}") double tokenLookups,
                @Value("${landatlas.limits.token-lookup-burst:30}") int tokenLookupBurst) {
        this.buckets = buckets;
        this.meters = meters.getIfAvailable();
        // Token lookups that miss the cache (each one a database query): generous for real clients, which need one
        // per token every 30 s, tight for anyone guessing tokens.
        this.limits = Map.of("graphql", configure(new Limit(graphql, graphqlBurst)), "tiles", configure(new Limit(tiles, tilesBurst)),
                "other", configure(new Limit(other, otherBurst)), "token-lookup", configure(new Limit(tokenLookups, tokenLookupBurst)));
    }

    private Configured configure(Limit limit) {
        return new Configured(limit, limit.off() ? null : limit.bucket(), versions.incrementAndGet());
    }

    /** Replaces the limit of one kind (graphql, tiles, other or token-lookup); its buckets start full again. */
    public synchronized void set(String kind, Limit limit) {
        Map<String, Configured> m = new HashMap<>(limits);
        m.put(kind, configure(limit));
        limits = Map.copyOf(m);
    }

    public Limit get(String kind) {
        Configured c = limits.get(kind);
        return c == null ? null : c.limit();
    }

    static String kindOf(String path) {
        if (path.equals("/graphql")) {
            return "graphql";
        }
        return path.startsWith("/tiles/") ? "tiles" : "other";
    }

    /** Seconds to wait before this request would be allowed, 0 when it is allowed (and counted) now. */
    long acquire(String client, String kind) {
        Configured c = limits.get(kind);
        if (c == null || c.limit().off()) {
            return 0;
        }
        ConsumptionProbe probe = buckets.builder()
                .withImplicitConfigurationReplacement(c.version(), TokensInheritanceStrategy.RESET)
                .build("rate:" + kind + ":" + client, c::bucket)
                .tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return 0;
        }
        refused(meters, "rate-" + kind);
        return seconds(probe.getNanosToWaitForRefill());
    }

    /** Counts a refusal of a limit (rate-graphql, rate-tiles, rate-other, rate-token-lookup, cost, login). */
    static void refused(MeterRegistry meters, String limit) {
        if (meters != null) {
            meters.counter("landatlas.limits.refusals", "limit", limit).increment();
        }
    }

    /** Whole seconds for Retry-After, rounded up and at least 1. */
    static long seconds(long nanos) {
        return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
    }
}
