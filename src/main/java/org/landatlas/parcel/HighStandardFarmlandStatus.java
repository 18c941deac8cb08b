package org.landatlas.parcel;

import java.util.List;

/** The statuses of a high-standard farmland project ({@code high_standard_farmland_project.status}), stated once for tiles and metrics. */
public final class HighStandardFarmlandStatus {

    /** Every status, in project order. */
    public static final List<String> ALL = List.of("planned", "building", "completed", "accepted");
    /** Built: completed, or accepted after completion. Plans count these. */
    public static final List<String> BUILT = List.of("completed", "accepted");

    private HighStandardFarmlandStatus() {
    }
}
