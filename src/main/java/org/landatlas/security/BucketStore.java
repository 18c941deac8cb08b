package org.landatlas.security;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.caffeine.Bucket4jCaffeine;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Where the token buckets of {@link RateLimiter} and {@link LoginThrottle} are kept: one Bucket4j
 * {@link ProxyManager}, keyed by strings such as {@code rate:graphql:10.0.0.7} or {@code login:user:wang.li}.
 * Both go only through this interface, so several instances can share their buckets by replacing this bean with a
 * PostgreSQL one ({@code bucket4j_jdk17-postgresql}: {@code Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
 * .primaryKeyMapper(PrimaryKeyMapper.STRING)}); nothing else changes.
 */
@Configuration(proxyBeanMethods = false)
class BucketStore {

    /** Bounds memory when many addresses are seen at once; an evicted bucket was the least recently used. */
    static final long MAX_BUCKETS = 200_000;

    /**
     * In memory (Caffeine). A bucket is dropped as soon as it has refilled, since a full bucket and a missing one
     * mean the same: idle clients cost nothing.
     */
    @Bean
    ProxyManager<String> buckets() {
        return inMemory(TimeMeter.SYSTEM_MILLISECONDS);
    }

    /** The in-memory store on a given clock (tests move it forward instead of waiting). */
    static ProxyManager<String> inMemory(TimeMeter clock) {
        return Bucket4jCaffeine.<String>builderFor(Caffeine.newBuilder().maximumSize(MAX_BUCKETS))
                .clientClock(clock)
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ZERO))
                .build();
    }
}
