package org.landatlas.security;

import java.time.Duration;

import javax.sql.DataSource;

import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.caffeine.Bucket4jCaffeine;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ExpiredEntriesCleaner;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Where the token buckets of {@link RateLimiter}, {@link QueryCostBudget} and {@link LoginThrottle} are kept: one
 * Bucket4j {@link ProxyManager}, keyed by strings such as {@code rate:graphql:10.0.0.7} or {@code login:user:wang.li}.
 * <p>
 * {@code landatlas.limits.store}: {@code memory} (default; Caffeine, one instance) or {@code database} (the table
 * {@code security.rate_bucket} through Bucket4j's PostgreSQL proxy manager: every instance on the database sees the
 * same buckets, so a client cannot multiply its limits by the number of instances behind the load balancer). A use
 * of a shared bucket is a short transaction (SELECT … FOR UPDATE, UPDATE); buckets are deleted once they would be
 * full again, as the in-memory ones are dropped.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class BucketStore {

    private static final Logger log = LoggerFactory.getLogger(BucketStore.class);

    /** Bounds memory when many addresses are seen at once; an evicted bucket was the least recently used. */
    static final long MAX_BUCKETS = 200_000;

    private ProxyManager<String> shared;

    /**
     * In memory (Caffeine) unless the store is the database. A bucket is dropped as soon as it has refilled, since a
     * full bucket and a missing one mean the same: idle clients cost nothing.
     */
    @Bean
    ProxyManager<String> buckets(DataSource dataSource, @Value("${landatlas.limits.store:memory}") String store) {
        return switch (store) {
            case "memory" -> inMemory(TimeMeter.SYSTEM_MILLISECONDS);
            case "database" -> shared = inDatabase(dataSource);
            default -> throw new IllegalArgumentException("landatlas.limits.store must be memory or database, not '" + store + "'");
        };
    }

    /** The in-memory store on a given clock (tests move it forward instead of waiting). */
    static ProxyManager<String> inMemory(TimeMeter clock) {
        return Bucket4jCaffeine.<String>builderFor(Caffeine.newBuilder().maximumSize(MAX_BUCKETS))
                .clientClock(clock)
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ZERO))
                .build();
    }

    /** The store every instance shares: security.rate_bucket (V32). */
    static ProxyManager<String> inDatabase(DataSource dataSource) {
        return Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("security.rate_bucket").idColumn("id").stateColumn("state").expiresAtColumn("expires_at")
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
                .build();
    }

    /** Deletes shared buckets that are full again (at most 10,000 a minute, in batches that skip locked rows). */
    @Scheduled(fixedDelayString = "${landatlas.limits.cleanup-delay:60s}", initialDelayString = "${landatlas.limits.cleanup-delay:60s}")
    void removeExpiredSharedBuckets() {
        if (shared instanceof ExpiredEntriesCleaner cleaner) {
            int removed = 0;
            for (int i = 0; i < 10; i++) {
                int n = cleaner.removeExpired(1000);
                removed += n;
                if (n < 1000) {
                    break;
                }
            }
            if (removed > 0) {
                log.debug("removed {} expired rate buckets", removed);
            }
        }
    }
}
