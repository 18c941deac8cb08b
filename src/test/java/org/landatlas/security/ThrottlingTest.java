package org.landatlas.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.junit.jupiter.api.Test;

/** Rate limits and the login throttle on Bucket4j buckets, with a clock the test moves. */
class ThrottlingTest {

    /** A clock that stands still until the test moves it. */
    static final class TestClock implements TimeMeter {
        long nanos = 1_000_000_000_000L;

        void advance(Duration d) {
            nanos += d.toNanos();
        }

        @Override
        public long currentTimeNanos() {
            return nanos;
        }

        @Override
        public boolean isWallClockBased() {
            return true;
        }
    }

    private final TestClock clock = new TestClock();
    private final ProxyManager<String> buckets = BucketStore.inMemory(clock);
    /** Refusals are counted in landatlas.limits.refusals (Prometheus). */
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ObjectProvider<MeterRegistry> METERS_PROVIDER = new StaticListableBeanFactory(Map.of("meters", meters)).getBeanProvider(MeterRegistry.class);

    private double refusals(String limit) {
        var c = meters.find("landatlas.limits.refusals").tag("limit", limit).counter();
        return c == null ? 0 : c.count();
    }

    private RateLimiter limiter(double graphqlPerSecond, int graphqlBurst) {
        return new RateLimiter(buckets, METERS_PROVIDER, graphqlPerSecond, graphqlBurst, 0, 1, 0, 1, 1, 3);
    }

    @Test
    void aBurstIsAllowedThenTheRateWithRetryAfter() {
        RateLimiter limiter = limiter(2, 5);
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.acquire("10.0.0.1", "graphql")).as("request %d of the burst", i + 1).isZero();
        }
        assertThat(limiter.acquire("10.0.0.1", "graphql")).isEqualTo(1);
        assertThat(refusals("rate-graphql")).isEqualTo(1);
        // Another address has its own bucket.
        assertThat(limiter.acquire("10.0.0.2", "graphql")).isZero();
        // Two per second: half a second buys one more request, and only one.
        clock.advance(Duration.ofMillis(500));
        assertThat(limiter.acquire("10.0.0.1", "graphql")).isZero();
        assertThat(limiter.acquire("10.0.0.1", "graphql")).isEqualTo(1);
    }

    @Test
    void retryAfterCoversTheWholeWaitForSlowRates() {
        RateLimiter limiter = limiter(0.1, 1);
        assertThat(limiter.acquire("10.0.0.1", "graphql")).isZero();
        assertThat(limiter.acquire("10.0.0.1", "graphql")).isEqualTo(10);
        clock.advance(Duration.ofSeconds(4));
        assertThat(limiter.acquire("10.0.0.1", "graphql")).isEqualTo(6);
    }

    @Test
    void aRateOfZeroIsNoLimitAndChangesTakeEffectAtOnce() {
        RateLimiter limiter = limiter(1, 1);
        assertThat(limiter.acquire("10.0.0.1", "tiles")).isZero();
        for (int i = 0; i < 100; i++) {
            assertThat(limiter.acquire("10.0.0.1", "tiles")).isZero();
        }
        assertThat(limiter.acquire("10.0.0.1", "graphql")).isZero();
        assertThat(limiter.acquire("10.0.0.1", "graphql")).isPositive();
        // An administrator raises the limit: the exhausted bucket starts again, full, under the new limit.
        limiter.set("graphql", new RateLimiter.Limit(1, 3));
        assertThat(limiter.get("graphql")).isEqualTo(new RateLimiter.Limit(1, 3));
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.acquire("10.0.0.1", "graphql")).isZero();
        }
        assertThat(limiter.acquire("10.0.0.1", "graphql")).isPositive();
        limiter.set("graphql", new RateLimiter.Limit(0, 1));
        assertThat(limiter.acquire("10.0.0.1", "graphql")).isZero();
    }

    @Test
    void fiveFailuresLockAUserNameForTheWindowAndSuccessClearsIt() {
        LoginThrottle throttle = new LoginThrottle(buckets, METERS_PROVIDER, 5, 15);
        for (int i = 0; i < 4; i++) {
            throttle.failed("Wang.Li", "10.0.0.1");
            assertThat(throttle.retryAfterSeconds("wang.li", "10.0.0.1")).isZero();
        }
        throttle.failed("wang.li", "10.0.0.1");
        // User names are compared without case; the lock is for the user name from any address.
        assertThat(throttle.retryAfterSeconds("WANG.LI", "10.0.0.9")).isEqualTo(15 * 60);
        assertThat(refusals("login")).isPositive();
        clock.advance(Duration.ofMinutes(10));
        assertThat(throttle.retryAfterSeconds("wang.li", "10.0.0.9")).isEqualTo(5 * 60);
        clock.advance(Duration.ofMinutes(5));
        assertThat(throttle.retryAfterSeconds("wang.li", "10.0.0.9")).isZero();

        // A success forgets the failures of that user name.
        for (int i = 0; i < 4; i++) {
            throttle.failed("li.na", "10.0.0.2");
        }
        throttle.succeeded("Li.Na");
        throttle.failed("li.na", "10.0.0.2");
        assertThat(throttle.retryAfterSeconds("li.na", "10.0.0.2")).isZero();
    }

    @Test
    void twentyFailuresLockAnAddressForEveryUserName() {
        LoginThrottle throttle = new LoginThrottle(buckets, METERS_PROVIDER, 5, 15);
        for (int i = 0; i < 20; i++) {
            throttle.failed("user" + i, "10.0.0.3");
        }
        assertThat(throttle.retryAfterSeconds("someone-else", "10.0.0.3")).isEqualTo(15 * 60);
        assertThat(throttle.retryAfterSeconds("someone-else", "10.0.0.4")).isZero();
        // A success clears the user name, not the address.
        throttle.succeeded("someone-else");
        assertThat(throttle.retryAfterSeconds("someone-else", "10.0.0.3")).isPositive();
    }
}
