package org.landatlas.demodata;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A bad demo-data setting stops the start with the setting's name and the accepted range. */
class InvalidProfileFailureAnalyzer extends AbstractFailureAnalyzer<DemoProfile.InvalidProfileException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, DemoProfile.InvalidProfileException cause) {
        return new FailureAnalysis("Invalid demo-data setting: " + cause.getMessage() + ".",
                "Fix the setting (see the README's configuration table), or set LANDATLAS_DEMO_PROFILE=none to start without demo data.",
                cause);
    }
}
