package org.landatlas.solar;

import java.util.List;

/** The statuses of a PV site ({@code pv_site.status}), stated once for tiles and metrics. */
public final class PvSiteStatus {

    /** Connected to the grid: the capacity plans count. */
    public static final String CONNECTED = "connected";
    /** Every status, in the order a site goes through them (rejected ends it early). */
    public static final List<String> ALL = List.of("candidate", "surveyed", "filed", "approved", "building", CONNECTED, "rejected");

    private PvSiteStatus() {
    }
}
