package org.landatlas.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The size of the anonymous bulkhead: the smaller of the pool less the staff reserve and the CPU bound (twice the
 * CPUs unless configured). DatabaseFaultsTest drives a full bulkhead end to end.
 */
class AnonymousBulkheadTest {

    private static final int CPUS = Runtime.getRuntime().availableProcessors();

    @Test
    void isBoundByTheCpusByDefault() {
        assertThat(new AnonymousBulkhead(1000, 4, 0, 3000).size()).isEqualTo(2 * CPUS);
    }

    @Test
    void isBoundByThePoolLessTheStaffReserveWhenThatIsSmaller() {
        assertThat(new AnonymousBulkhead(3, 2, 0, 3000).size()).isEqualTo(1);
        assertThat(new AnonymousBulkhead(10, 4, 1000, 3000).size()).isEqualTo(6);
        // A reserve as large as the pool still lets one anonymous request through.
        assertThat(new AnonymousBulkhead(4, 4, 0, 3000).size()).isEqualTo(1);
    }

    @Test
    void takesAConfiguredConcurrency() throws InterruptedException {
        AnonymousBulkhead b = new AnonymousBulkhead(100, 4, 3, 50);
        assertThat(b.size()).isEqualTo(3);
        assertThat(b.enter()).isTrue();
        assertThat(b.enter()).isTrue();
        assertThat(b.enter()).isTrue();
        assertThat(b.available()).isZero();
        long t0 = System.nanoTime();
        assertThat(b.enter()).as("a fourth request at once").isFalse();
        assertThat((System.nanoTime() - t0) / 1_000_000).as("ms waited for a place").isGreaterThanOrEqualTo(45);
        b.leave();
        assertThat(b.enter()).isTrue();
    }
}
