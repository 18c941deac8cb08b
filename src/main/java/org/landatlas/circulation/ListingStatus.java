package org.landatlas.circulation;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** The statuses of a circulation listing ({@code circulation_listing.status}), stated once for tiles, queries, public rows and the workflow. */
public final class ListingStatus {

    /** Every status, in the order a listing goes through them. */
    public static final List<String> ALL = List.of("draft", "listed", "negotiating", "contracted", "withdrawn", "expired");
    /** On offer: listed, or under negotiation. The public sees these. */
    public static final List<String> ON_OFFER = List.of("listed", "negotiating");

    /**
     * The changes staff may make (setListingStatus). A listing goes draft → listed → negotiating and back to
     * listed when talks fail; withdrawn or expired listings can be reopened as drafts. Contracted is reached
     * only from negotiating, when a contract is signed from the listing ({@code ListingWorkflow.contracted}),
     * and expired only by the expiry of its closing date: neither is set by hand.
     */
    static final Map<String, Set<String>> BY_HAND = Map.of(
            "draft", Set.of("listed", "withdrawn"),
            "listed", Set.of("negotiating", "withdrawn"),
            "negotiating", Set.of("listed", "withdrawn"),
            "withdrawn", Set.of("draft"),
            "expired", Set.of("draft"),
            "contracted", Set.of());

    /** Statuses in which a listing's facts may still be edited (a contracted, withdrawn or expired listing is a record). */
    static final List<String> EDITABLE = List.of("draft", "listed", "negotiating");

    private ListingStatus() {
    }
}
