package org.landatlas.circulation;

import java.util.List;

/** The statuses of a circulation listing ({@code circulation_listing.status}), stated once for tiles, queries and public rows. */
public final class ListingStatus {

    /** Every status, in the order a listing goes through them. */
    public static final List<String> ALL = List.of("draft", "listed", "negotiating", "closed", "withdrawn");
    /** On offer: listed, or under negotiation. The public sees these. */
    public static final List<String> ON_OFFER = List.of("listed", "negotiating");

    private ListingStatus() {
    }
}
