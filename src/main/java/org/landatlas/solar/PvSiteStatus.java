package org.landatlas.solar;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** The statuses of a PV site ({@code pv_site.status}) and the workflow's transitions, stated once for the workflow, tiles and metrics. */
public final class PvSiteStatus {

    public static final String CANDIDATE = "candidate";
    public static final String SURVEYED = "surveyed";
    public static final String FILED = "filed";
    public static final String BUILT = "built";
    /** Connected to the grid (并网): the capacity plans count. */
    public static final String CONNECTED = "connected";
    public static final String REJECTED = "rejected";
    /** Every status, in the order a site goes through them (rejected ends it early). */
    public static final List<String> ALL = List.of(CANDIDATE, SURVEYED, FILED, BUILT, CONNECTED, REJECTED);
    /** Filed or built, not yet connected: capacity applied for (the C2 term and the queue). */
    public static final List<String> PENDING = List.of(FILED, BUILT);
    /** Candidates for new PV (the potential). */
    public static final List<String> POTENTIAL = List.of(CANDIDATE, SURVEYED);
    /** The legal transitions: each status → the statuses it may go to (connected and rejected end the workflow). */
    public static final Map<String, Set<String>> NEXT = Map.of(
            CANDIDATE, Set.of(SURVEYED, REJECTED),
            SURVEYED, Set.of(FILED, REJECTED),
            FILED, Set.of(BUILT, REJECTED),
            BUILT, Set.of(CONNECTED, REJECTED),
            CONNECTED, Set.of(),
            REJECTED, Set.of());

    private PvSiteStatus() {
    }
}
