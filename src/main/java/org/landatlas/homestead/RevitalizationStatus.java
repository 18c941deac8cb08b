package org.landatlas.homestead;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** The revitalization statuses of a homestead ({@code homestead.revitalization_status}), stated once for the workflow, tiles and public rows. */
public final class RevitalizationStatus {

    /** Every status, in the order a homestead goes through them: none (not idle), idle → surveyed → listed → negotiating → revitalized, or withdrawn. */
    public static final List<String> ALL = List.of("none", "idle", "surveyed", "listed", "negotiating", "revitalized", "withdrawn");
    /** Offered for revitalization: listed, or under negotiation. The public sees these. */
    public static final List<String> OFFERED = List.of("listed", "negotiating");

    /** The workflow's legal steps: status → the statuses it may go to (HomesteadWorkflow). */
    static final Map<String, Set<String>> NEXT = Map.of(
            "none", Set.of("surveyed"),
            "idle", Set.of("surveyed", "withdrawn"),
            "surveyed", Set.of("surveyed", "listed", "withdrawn"),
            "listed", Set.of("negotiating", "withdrawn"),
            "negotiating", Set.of("revitalized", "withdrawn"),
            "revitalized", Set.of(),
            "withdrawn", Set.of("surveyed"));

    private RevitalizationStatus() {
    }
}
