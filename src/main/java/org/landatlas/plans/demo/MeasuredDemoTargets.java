package org.landatlas.plans.demo;

import java.util.Set;

import org.landatlas.demodata.DemoTargetMetrics;
import org.landatlas.plans.PlanMetrics;
import org.springframework.stereotype.Component;

/** Demo plan targets may name exactly the metrics the features measure. */
@Component
class MeasuredDemoTargets implements DemoTargetMetrics {

    private final PlanMetrics metrics;

    MeasuredDemoTargets(PlanMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public Set<String> measured() {
        return metrics.ids();
    }
}
