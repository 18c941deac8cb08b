package org.landatlas.homestead;

import java.util.List;

/** The revitalization statuses of a homestead ({@code homestead.revitalization_status}), stated once for tiles and public rows. */
public final class RevitalizationStatus {

    /** Every status, in the order a homestead goes through them. */
    public static final List<String> ALL = List.of("none", "offered", "negotiating", "revitalized", "withdrawn");
    /** Offered for revitalization, or under negotiation. The public sees these. */
    public static final List<String> OFFERED = List.of("offered", "negotiating");

    private RevitalizationStatus() {
    }
}
