package org.landatlas.security;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Slows password guessing: after {@code maxFailures} failed sign-ins for one user name within the window, or
 * four times as many from one address, further attempts are refused until the window has passed since the last
 * failure. Counted in memory (a restart forgets them; so does a success for that user name).
 */
@Component
class LoginThrottle {

    private final int maxFailures;
    private final long windowMs;
    private final Map<String, Deque<Long>> failures = new ConcurrentHashMap<>();

    LoginThrottle(@Value("${landatlas.security.login.max-failures:5}") int maxFailures,
                  @Value("${landatlas.security.login.lock-minutes:15}") int lockMinutes) {
        this.maxFailures = maxFailures;
        this.windowMs = lockMinutes * 60_000L;
    }

    /** Seconds until a new attempt is allowed, 0 when it is allowed now. */
    long retryAfterSeconds(String username, String ip) {
        long now = System.currentTimeMillis();
        return Math.max(wait("u:" + username.toLowerCase(), maxFailures, now), wait("ip:" + ip, maxFailures * 4, now));
    }

    void failed(String username, String ip) {
        long now = System.currentTimeMillis();
        add("u:" + username.toLowerCase(), now);
        add("ip:" + ip, now);
        if (failures.size() > 100_000) {
            failures.entrySet().removeIf(e -> { synchronized (e.getValue()) { return e.getValue().isEmpty() || now - e.getValue().peekLast() > windowMs; } });
        }
    }

    void succeeded(String username) {
        failures.remove("u:" + username.toLowerCase());
    }

    private void add(String key, long now) {
        Deque<Long> d = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (d) {
            d.addLast(now);
            while (d.size() > 100) {
                d.removeFirst();
            }
        }
    }

    private long wait(String key, int limit, long now) {
        Deque<Long> d = failures.get(key);
        if (d == null) {
            return 0;
        }
        synchronized (d) {
            while (!d.isEmpty() && now - d.peekFirst() > windowMs) {
                d.removeFirst();
            }
            if (d.size() < limit) {
                return 0;
            }
            return Math.max(1, (d.peekLast() + windowMs - now + 999) / 1000);
        }
    }
}
