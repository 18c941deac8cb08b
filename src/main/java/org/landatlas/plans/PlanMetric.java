package org.landatlas.plans;

import java.util.Map;

import java.util.regex.Pattern;

/**
 * A quantity a plan sets targets on, measured from the data of the feature that owns it (contracts in force,
 * revitalized plots, connected PV capacity …). Each feature declares its metrics as beans in its own package;
 * a new metric is one bean there plus its value in that feature's {@code extend enum TargetMetric}.
 */
public interface PlanMetric {

    /** What an id must look like: it is stored in {@code plan_target.metric} and its upper case is the GraphQL enum value. */
    Pattern ID = Pattern.compile("[a-z][a-z0-9_]*");

    /** Lower-case id, e.g. {@code farmland_circulated_mu}. */
    String id();

    /** Unit of the measured value and of the targets set on it: 亩, 宗, kW. */
    String unit();

    /** What has been achieved in the scope, from the feature's data. */
    double achieved(PlanScope scope);

    /** Whether the metric can also be measured per township and village ({@link #achievedByUnit}). */
    default boolean measuredByUnit() {
        return false;
    }

    /**
     * What has been achieved in the scope, per administrative unit of the county whose code has
     * {@code codeLength} digits (9: townships, 12: villages); units with nothing achieved may be absent. Only
     * for metrics that say {@link #measuredByUnit()}: the others' data carry no unit finer than the county.
     */
    default Map<String, Double> achievedByUnit(PlanScope scope, int codeLength) {
        throw new UnsupportedOperationException("plan metric " + id() + " is measured for whole counties only");
    }
}
