package org.landatlas.circulation;

import java.time.LocalDate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * What ends by the calendar, daily and at start-up (a server that was down at midnight catches up): active
 * contracts past their term end become expired, so their parcels stop counting as circulated the day after; and
 * listings on offer past their closing date become expired. What the calendar alone changes (a contract becoming
 * EXPIRING, a dispute becoming overdue) changes no row, so the run also tells the tile listener that the contract
 * layers are stale everywhere.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(CirculationProperties.class)
class CirculationExpiry {

    private static final Logger log = LoggerFactory.getLogger(CirculationExpiry.class);

    private final ContractService contracts;
    private final ListingWorkflow listings;
    private final org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate jdbc;

    CirculationExpiry(ContractService contracts, ListingWorkflow listings, org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate jdbc) {
        this.contracts = contracts;
        this.listings = listings;
        this.jdbc = jdbc;
    }

    @EventListener(ApplicationReadyEvent.class)
    void atStart() {
        run();
    }

    @Scheduled(cron = "${landatlas.circulation.expiry-cron:0 5 0 * * *}")
    void daily() {
        run();
    }

    /** Answers how many contracts expired (listings are logged). */
    int run() {
        int n = contracts.expireContracts(LocalDate.now());
        if (n > 0) {
            log.info("{} active contracts past their term end are expired now", n);
        }
        int l = listings.expire();
        if (l > 0) {
            log.info("{} listing(s) past their closing date are now expired", l);
        }
        // A notification without a box drops every cached tile of the layers the contracts invalidate.
        jdbc.queryForList("SELECT pg_notify('landatlas_tiles', '{\"layer\": \"circulation_contract\"}')", java.util.Map.of());
        return n;
    }
}
