package org.landatlas.circulation;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/** Listings on offer past their closing date become expired: once at start-up (the service may have been down at midnight) and every day after midnight. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class ListingExpiry {

    private static final Logger LOG = LoggerFactory.getLogger(ListingExpiry.class);

    private final ListingWorkflow workflow;

    ListingExpiry(ListingWorkflow workflow) {
        this.workflow = workflow;
    }

    @EventListener(ApplicationReadyEvent.class)
    void atStart() {
        run();
    }

    @Scheduled(cron = "${landatlas.circulation.expiry-cron:0 5 0 * * *}")
    void daily() {
        run();
    }

    private void run() {
        int n = workflow.expire();
        if (n > 0) {
            LOG.info("{} listing(s) past their closing date are now expired", n);
        }
    }
}
