-- Which metrics a plan target may name is decided by the features that measure them (PlanMetric beans, checked
-- on every write in the plans module), not by a list here that would have to know every feature. What stays is
-- the shape of an id, whose upper case is the GraphQL TargetMetric value.
ALTER TABLE plan_target DROP CONSTRAINT plan_target_metric_check;
ALTER TABLE plan_target ADD CONSTRAINT plan_target_metric_id_check CHECK (metric ~ '^[a-z][a-z0-9_]*$');
