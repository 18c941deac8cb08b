package org.landatlas.security;

import java.time.Duration;
import java.util.Locale;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.EstimationProbe;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Slows password guessing: after {@code maxFailures} failed sign-ins for one user name, or four times as many from
 * one address, further attempts are refused (429 with Retry-After) until {@code lock-minutes} have passed since
 * the first of those failures. A success clears the count of that user name.
 *
 * <p>Each count is a Bucket4j bucket ({@link BucketStore}) of {@code maxFailures} tokens, refilled all at once
 * {@code lock-minutes} after it was made; a failure takes a token, an empty bucket refuses. The bucket is made by
 * the first failure and dropped once refilled, so the window starts with the first failure rather than sliding
 * over the last ones: a guesser who fails five times in a minute waits the full 15 minutes.
 */
@Component
class LoginThrottle {

    private final ProxyManager<String> buckets;
    private final BucketConfiguration perUser;
    private final BucketConfiguration perAddress;

    private final MeterRegistry meters;

    LoginThrottle(ProxyManager<String> buckets, ObjectProvider<MeterRegistry> meters,
                  @Value("${landatlas.security.login.max-failures:5}") int maxFailures,
                  @Value("${landatlas.security.login.lock-minutes:15}") int lockMinutes) {
        this.buckets = buckets;
        this.meters = meters.getIfAvailable();
        Duration window = Duration.ofMinutes(lockMinutes);
        this.perUser = failures(maxFailures, window);
        this.perAddress = failures(maxFailures * 4, window);
    }

    private static BucketConfiguration failures(int allowed, Duration window) {
        return BucketConfiguration.builder().addLimit(l -> l.capacity(allowed).refillIntervally(allowed, window)).build();
    }

    /** Seconds until a new attempt is allowed, 0 when it is allowed now. */
    long retryAfterSeconds(String username, String ip) {
        long wait = Math.max(wait(user(username)), wait(address(ip)));
        if (wait > 0) {
            RateLimiter.refused(meters, "login");
        }
        return wait;
    }

    void failed(String username, String ip) {
        user(username).tryConsume(1);
        address(ip).tryConsume(1);
    }

    void succeeded(String username) {
        buckets.removeProxy(userKey(username));
    }

    private static long wait(BucketProxy bucket) {
        EstimationProbe probe = bucket.estimateAbilityToConsume(1);
        return probe.canBeConsumed() ? 0 : RateLimiter.seconds(probe.getNanosToWaitForRefill());
    }

    private BucketProxy user(String username) {
        return buckets.builder().build(userKey(username), () -> perUser);
    }

    private BucketProxy address(String ip) {
        return buckets.builder().build("login:address:" + ip, () -> perAddress);
    }

    private static String userKey(String username) {
        return "login:user:" + username.toLowerCase(Locale.ROOT);
    }
}
