package org.landatlas.platform;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jdbc.health.DataSourceHealthIndicator;

/**
 * The database part of {@code /actuator/health}: Spring Boot's own {@link DataSourceHealthIndicator} run every
 * {@code interval} on a thread of its own, and its last result served to callers. A check that has not finished
 * for longer than the interval and twice the timeout (a connection wait, then a hung query) counts as DOWN, so
 * health never reports a stale UP.
 */
public final class DatabaseHealthMonitor implements HealthIndicator, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DatabaseHealthMonitor.class);

    private record Check(Health health, Instant at) {
    }

    private final HikariDataSource pool;
    private final DataSourceHealthIndicator indicator;
    private final Duration staleAfter;
    private final ScheduledExecutorService checker;
    private volatile Check last;

    DatabaseHealthMonitor(HikariDataSource pool, Duration interval, Duration timeout) {
        this.pool = pool;
        this.indicator = new DataSourceHealthIndicator(pool, "SELECT 1");
        this.staleAfter = interval.plus(timeout).plus(timeout);
        this.checker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "landatlas-health-check");
            t.setDaemon(true);
            return t;
        });
        this.last = new Check(indicator.health(), Instant.now());
        checker.scheduleWithFixedDelay(this::check, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void check() {
        Health h;
        try {
            h = indicator.health();
        } catch (RuntimeException e) {
            h = Health.down(e).build();
        }
        Check previous = last;
        last = new Check(h, Instant.now());
        if (!h.getStatus().equals(previous.health().getStatus())) {
            // One line per change: Spring Boot's indicator would log a stack trace at every failed check.
            if (Status.UP.equals(h.getStatus())) {
                log.info("database health {} again", h.getStatus());
            } else {
                log.warn("database health {}: {}", h.getStatus(), h.getDetails().getOrDefault("error", ""));
            }
        }
    }

    @Override
    public Health health() {
        Check c = last;
        long ageMs = Duration.between(c.at(), Instant.now()).toMillis();
        if (ageMs > staleAfter.toMillis()) {
            return Health.down().withDetail("reason", "no answer from the database check for " + ageMs + " ms").withDetail("checkedAgoMs", ageMs).build();
        }
        return Health.status(c.health().getStatus()).withDetails(c.health().getDetails()).withDetail("checkedAgoMs", ageMs).build();
    }

    @Override
    public void close() {
        checker.shutdownNow();
        pool.close();
    }
}
