package org.landatlas.platform;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns {@link DatabaseUnavailableException} into Spring Boot's short "APPLICATION FAILED TO START" report. */
public class DatabaseUnavailableFailureAnalyzer extends AbstractFailureAnalyzer<DatabaseUnavailableException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, DatabaseUnavailableException cause) {
        return new FailureAnalysis(
                "LandAtlas cannot use its database " + cause.url() + ": " + cause.reason() + ".",
                "Start the private PostGIS cluster with 'scripts/run.sh' (it provisions one), or set LANDATLAS_DB_URL, "
                        + "LANDATLAS_DB_USER and LANDATLAS_DB_PASSWORD to a reachable PostgreSQL 15+ with PostGIS 3.",
                cause);
    }
}
