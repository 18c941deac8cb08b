package org.landatlas.security;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * How many anonymous requests that use the database may run at once. Two bounds, the smaller wins:
 * <ul>
 * <li>the pool size less {@code landatlas.db.staff-reserve} connections (at least one), so the public can never
 * hold every connection and signed-in staff (and health, which has its own connection) keep answering when it exhausts
 * the rest;</li>
 * <li>{@code landatlas.limits.anonymous.concurrency}, by default twice the CPUs: a viewport query is CPU work in the
 * service and in PostgreSQL, so more of them at once only share the same cores more finely. Measured on 2 cores
 * with 16 clients (bench/RESULTS.md): 16 at once gave no more requests per second than 4, and tripled the p95 of a
 * health probe or a scrape, which wait for a core behind them.</li>
 * </ul>
 * A request over the limit waits at most the pool's connection-timeout, as it would for a connection, and is then
 * refused with 503 UNAVAILABLE. A fair semaphore: waiting requests are served in arrival order.
 */
@Component
public class AnonymousBulkhead {

    private final Semaphore permits;
    private final int size;
    private final long waitMs;

    AnonymousBulkhead(@Value("${spring.datasource.hikari.maximum-pool-size:10}") int poolSize,
                      @Value("${landatlas.db.staff-reserve:4}") int staffReserve,
                      @Value("${landatlas.limits.anonymous.concurrency:0}") int concurrency,
                     @Value("${spring.datasource.hikari.connection-timeout:30000}") long connectionTimeoutMs) {
        int cpuBound = concurrency > 0 ? concurrency : 2 * Runtime.getRuntime().availableProcessors();
        this.size = Math.max(1, Math.min(cpuBound, poolSize - Math.max(0, staffReserve)));
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
