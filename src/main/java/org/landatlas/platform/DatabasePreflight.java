package org.landatlas.platform;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;

/**
 * Checks before the context refreshes that the configured database answers and has PostGIS, so that a database
 * that is down, unknown or unreachable ends the start with one clear message (see
 * {@link DatabaseUnavailableFailureAnalyzer}) instead of pages of stack traces from the pool, Flyway and Hibernate.
 * It listens for the prepared context, not the prepared environment: property sources added by context
 * initializers (tests' dynamic properties among them) exist only from then on.
 */
public class DatabasePreflight implements ApplicationListener<ApplicationPreparedEvent> {

    @Override
    public void onApplicationEvent(ApplicationPreparedEvent event) {
        Environment env = event.getApplicationContext().getEnvironment();
        if (!env.getProperty("landatlas.database.preflight", Boolean.class, true)) {
            return;
        }
        String url = env.getProperty("spring.datasource.url");
        if (url == null || !url.startsWith("jdbc:postgresql:")) {
            return;
        }
        Properties props = new Properties();
        props.setProperty("user", env.getProperty("spring.datasource.username", ""));
        props.setProperty("password", env.getProperty("spring.datasource.password", ""));
        props.setProperty("connectTimeout", "5");
        props.setProperty("loginTimeout", "10");
        try (Connection c = DriverManager.getConnection(url, props);
             var st = c.createStatement();
             var rs = st.executeQuery("SELECT count(*) FROM pg_available_extensions WHERE name IN ('postgis', 'postgis_raster')")) {
            rs.next();
            if (rs.getInt(1) < 2) {
                throw new DatabaseUnavailableException(url, "the server has no PostGIS (extensions postgis and postgis_raster are not available)", null);
            }
        } catch (SQLException e) {
            throw new DatabaseUnavailableException(url, reason(e), e);
        }
    }

    private static String reason(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        return switch (state) {
            case "08001", "08004", "08006" -> "cannot connect (" + rootMessage(e) + ")";
            case "28P01", "28000" -> "the user name or password was refused";
            case "3D000" -> "the database does not exist";
            default -> rootMessage(e);
        };
    }

    private static String rootMessage(Throwable t) {
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
