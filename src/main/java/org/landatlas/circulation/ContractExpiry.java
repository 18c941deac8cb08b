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
 * Active contracts past their end become expired, daily and at start-up (a server that was down at midnight
 * catches up), so their parcels stop counting as circulated the day after the term.
 */
@Configuration
@EnableScheduling
@EnableConfigurationProperties(CirculationProperties.class)
class ContractExpiry {

    private static final Logger log = LoggerFactory.getLogger(ContractExpiry.class);

    private final ContractService contracts;

    ContractExpiry(ContractService contracts) {
        this.contracts = contracts;
    }

    @EventListener(ApplicationReadyEvent.class)
    void atStart() {
        run();
    }

    @Scheduled(cron = "${landatlas.circulation.expiry-cron:0 5 0 * * *}")
    void daily() {
        run();
    }

    int run() {
        int n = contracts.expireContracts(LocalDate.now());
        if (n > 0) {
            log.info("{} active contracts past their term end are expired now", n);
        }
        return n;
    }
}
