package org.landatlas.platform;

import java.time.Duration;

import javax.sql.DataSource;

import jakarta.servlet.Filter;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * The application's DataSource when LANDATLAS_DB_REPLICA_URL is set: Boot's pool on the primary (spring.datasource.*,
 * its Hikari settings) plus a second pool on the replica with the same settings, behind {@link ReadRouting}. Without
 * the variable Boot makes its one pool as before and {@link ReadRouting#off()} routes nothing.
 */
@Configuration(proxyBeanMethods = false)
class ReadReplicaConfiguration {

    static final String ENABLED = "!'${landatlas.db.replica.url:}'.isBlank()";

    @Bean
    ReadRouting readRouting(Environment env, DataSourceProperties properties, ObjectProvider<MeterRegistry> meters,
                            @Value("${landatlas.db.replica.url:}") String url,
                            @Value("${landatlas.db.replica.username:}") String username,
                            @Value("${landatlas.db.replica.password:}") String password,
                            @Value("${landatlas.db.replica.max-lag:10s}") Duration maxLag,
                            @Value("${landatlas.db.replica.read-your-writes:5s}") Duration readYourWrites,
                            @Value("${landatlas.db.replica.check-interval:1s}") Duration checkInterval,
                            @Value("${landatlas.db.replica.connection-timeout:3s}") Duration connectionTimeout) {
        if (url.isBlank()) {
            return ReadRouting.off();
        }
        HikariDataSource primary = properties.initializeDataSourceBuilder().type(HikariDataSource.class).build();
        Binder.get(env).bind("spring.datasource.hikari", Bindable.ofInstance(primary));
        primary.setPoolName("primary");
        HikariDataSource replica = new HikariDataSource();
        primary.copyStateTo(replica);
        replica.setPoolName("replica");
        replica.setJdbcUrl(url);
        replica.setUsername(username.isBlank() ? primary.getUsername() : username);
        replica.setPassword(password.isBlank() ? primary.getPassword() : password);
        replica.setReadOnly(true);
        // A replica that went away must not hold a request for the primary's 10 s: fail soon, go to the primary.
        replica.setConnectionTimeout(connectionTimeout.toMillis());
        replica.setInitializationFailTimeout(-1);
        MeterRegistry registry = meters.getIfAvailable();
        if (registry != null) {
            // Boot binds the pool metrics of DataSource beans only; the replica's pool is not one.
            replica.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
        }
        return new ReadRouting(primary, replica, maxLag, readYourWrites, checkInterval, registry);
    }

    /** The request's routing decision never outlives it on a server thread (a leaked REPLICA would send a REST write there). */
    @Bean
    @ConditionalOnExpression(ENABLED)
    FilterRegistrationBean<Filter> readRouteReset() {
        FilterRegistrationBean<Filter> bean = new FilterRegistrationBean<>((request, response, chain) -> {
            ReadRouting.ROUTE.remove();
            try {
                chain.doFilter(request, response);
            } finally {
                ReadRouting.ROUTE.remove();
            }
        });
        bean.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return bean;
    }

    @Bean
    @Primary
    @ConditionalOnExpression(ENABLED)
    DataSource dataSource(ReadRouting routing) {
        return routing.dataSource();
    }
}
