package org.landatlas.security;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * How many anonymous requests that use the database may run at once: the pool size less
 * {@code landatlas.db.staff-reserve} connections (at least one), so the public can never hold every connection
 * and signed-in staff (and health, which has its own pool) keep answering when it exhausts the rest. A request
 * over the limit waits at most the pool's connection-timeout, as it would for a connection, and is then refused
 * with 503 UNAVAILABLE. A fair semaphore: waiting requests are served in arrival order.
 */
@Component
public class AnonymousBulkhead {

    private final Semaphore permits;
    private final int size;
    private final long waitMs;

    AnonymousBulkhead(@Value("${spring.datasource.hikari.maximum-pool-size:10}") int poolSize,
                      @Value("${landatlas.db.staff-reserve:4}") int staffReserve,
                      @Value("${spring.datasource.hikari.connection-timeout:30000}") long connectionTimeoutMs) {
        this.size = Math.max(1, poolSize - Math.max(0, staffReserve));
        this.permits = new Semaphore(size, true);
        this.waitMs = connectionTimeoutMs;
    }

    /** Paths whose requests read the database (web-map files and health do not). */
    static boolean usesDatabase(String path) {
        return path.equals("/graphql") || path.startsWith("/tiles") || path.startsWith("/ogc") || path.startsWith("/exchange/")
                || path.startsWith("/auth/");
    }

    /** Takes a place, waiting at most the connection-timeout; false when none came free. */
    boolean enter() throws InterruptedException {
        return permits.tryAcquire(waitMs, TimeUnit.MILLISECONDS);
    }

    void leave() {
        permits.release();
    }

    /** Anonymous requests allowed at once. */
    public int size() {
        return size;
    }

    /** Places free now. */
    public int available() {
        return permits.availablePermits();
    }
}
