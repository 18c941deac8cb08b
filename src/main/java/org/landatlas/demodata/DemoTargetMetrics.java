package org.landatlas.demodata;

import java.util.Set;

/**
 * The plan metrics some feature measures, which are the only ones a demo plan target may name (a target on any
 * other could never show progress, so the load is refused). Provided by the module that owns plan targets; an
 * interface here so that demo data does not depend on that module, which depends on features that have demo
 * data.
 */
public interface DemoTargetMetrics {

    Set<String> measured();
}
