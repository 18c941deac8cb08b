package org.landatlas.exchange;

import java.util.Map;

/**
 * Published inside the transaction of an import's merge, after the profile has written its rows: features whose
 * derived data depend on the imported layer (the land search on parcels and protection zones) bring it up to date
 * in the same transaction, so that a failure undoes both and a commit leaves nothing stale.
 *
 * @param profile    the {@link ImportProfile#name()} (dltb, pbf, hsf …)
 * @param countyCode the county imported into
 * @param jobId      the import job
 * @param counts     rows added, changed and removed
 * @param changes    the table of the transaction holding what changed ({@code record_key, change, fields}, the
 *                   record keys the profile's, e.g. BSM for parcels); readable by listeners, dropped at commit
 */
public record ImportCommitted(String profile, String countyCode, long jobId, Map<String, Integer> counts, String changes) {
}
