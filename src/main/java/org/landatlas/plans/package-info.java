/**
 * Plan targets and their progress. The module owns {@code plan_target} and knows no feature's table: what a
 * target's metric has achieved is measured by the feature that owns the data, through a {@link PlanMetric}
 * bean in that feature's package ({@link SqlPlanMetric} for the usual single SQL statement). The GraphQL enum
 * {@code TargetMetric} is extended by the same features in their schema files; start-up fails when the enum
 * and the metric beans disagree.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Plan targets", allowedDependencies = {"platform", "security", "region", "demodata"})
package org.landatlas.plans;
