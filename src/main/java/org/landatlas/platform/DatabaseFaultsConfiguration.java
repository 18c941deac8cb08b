package org.landatlas.platform;

import java.io.IOException;
import java.time.Duration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * What the service does while its database is unreachable: health's own small pool, and 503 for a request whose
 * filters (sessions, API tokens, shared rate limits) met the outage before any controller ran.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class DatabaseFaultsConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DatabaseFaultsConfiguration.class);

    /**
     * The database check of {@code /actuator/health} (Spring Boot backs its own indicator off for a bean of this
     * name), answered from a background check instead of a round trip per call: under load a health call then
     * costs no database work and no wait for a backend to be scheduled (issue #13: health under 10 ms during
     * load). The check runs over a connection of its own, so a public that holds every API connection cannot make it
     * time out, and it says DOWN within the timeout when the server is gone and UP within an interval of its return.
     */
    @Bean
    DatabaseHealthMonitor dbHealthContributor(DataSourceProperties properties,
                                              @Value("${landatlas.db.health-timeout-ms:2000}") long timeoutMs,
                                              @Value("${landatlas.db.health-interval-ms:500}") long intervalMs) {
        return new DatabaseHealthMonitor(properties.determineUrl(), properties.determineUsername(), properties.determinePassword(),
                Duration.ofMillis(Math.max(50, intervalMs)), Duration.ofMillis(Math.max(250, timeoutMs)));
    }

    /**
     * First of all filters, before Spring Session's and Spring Security's: an exception they or anything after
     * them let through that is a lost database becomes 503 with Retry-After and an UNAVAILABLE problem, logged
     * in one line rather than as a stack trace per request during an outage.
     */
    @Bean
    FilterRegistrationBean<OncePerRequestFilter> databaseUnavailableFilter(DatabaseFaults faults) {
        OncePerRequestFilter filter = new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                try {
                    chain.doFilter(request, response);
                } catch (ServletException | IOException | RuntimeException e) {
                    if (!DatabaseFaults.isConnectionFailure(e) || response.isCommitted()) {
                        throw e;
                    }
                    log.warn("database unavailable in {} {}: {}", request.getMethod(), request.getRequestURI(), DatabaseFaults.reason(e));
                    response.resetBuffer();
                    response.setHeader("Retry-After", Integer.toString(faults.retryAfterSeconds()));
                    Problems.write(request, response, Problems.of(faults.refusal()));
                }
            }
        };
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
