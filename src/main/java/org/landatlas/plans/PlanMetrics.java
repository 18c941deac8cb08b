package org.landatlas.plans;

import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.landatlas.platform.ApiException;
import org.springframework.stereotype.Component;

/**
 * Every metric the features measure: the one list of valid {@code plan_target.metric} values, used on every
 * write (setPlanTarget, demo loads) and by the check of the GraphQL enum.
 */
@Component
public class PlanMetrics {

    private final Map<String, PlanMetric> byId = new TreeMap<>();

    PlanMetrics(List<PlanMetric> metrics) {
        for (PlanMetric m : metrics) {
            if (!PlanMetric.ID.matcher(m.id()).matches()) {
                throw new IllegalStateException("plan metric " + m + " has id '" + m.id() + "'; ids are lower case letters, digits and '_'");
            }
            PlanMetric other = byId.put(m.id(), m);
            if (other != null) {
                throw new IllegalStateException("two beans measure plan metric " + m.id() + ": " + other + " and " + m);
            }
        }
    }

    /** The ids of every measured metric, sorted. */
    public Set<String> ids() {
        return Collections.unmodifiableSet(byId.keySet());
    }

    /**
     * The metric named by {@code metric} (the stored id or its upper-case GraphQL enum value), or BAD_USER_INPUT
     * naming {@code argument} when no feature measures it; the message lists the measured metrics in the case
     * the caller used.
     */
    public PlanMetric require(String argument, String metric) {
        PlanMetric m = metric == null ? null : byId.get(metric.toLowerCase(Locale.ROOT));
        if (m == null) {
            boolean upper = metric != null && metric.equals(metric.toUpperCase(Locale.ROOT));
            throw ApiException.badInput(argument, "no feature measures the metric " + metric + "; measured metrics: "
                    + String.join(", ", upper ? ids().stream().map(id -> id.toUpperCase(Locale.ROOT)).toList() : ids()));
        }
        return m;
    }
}
