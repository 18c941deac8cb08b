/**
 * Accounts, sessions, API tokens, the audit log, rate limits, and what each viewer may see ({@link Viewer},
 * {@link Access}, {@link ScopedRows}, {@link PublicRows}, {@link Masking}). A shared module: features depend on
 * it, it knows no feature's table.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Security", allowedDependencies = {"platform"})
package org.landatlas.security;
