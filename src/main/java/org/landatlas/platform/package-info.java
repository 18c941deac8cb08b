/**
 * Shared plumbing of every feature: GraphQL wiring and paging, typed inputs ({@link BBox}, {@link Near},
 * {@link Range}), SQL helpers, problem-detail error bodies, the database preflight. Knows no feature and no
 * feature's table; every module may depend on it.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Platform", allowedDependencies = {})
package org.landatlas.platform;
