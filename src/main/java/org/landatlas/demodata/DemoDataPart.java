package org.landatlas.demodata;

import java.util.List;

/**
 * One feature's share of the demo data, declared as a Spring bean in the feature's own package: the tables it
 * fills, what the database derives after the load, and the rows it generates for each county.
 * <p>
 * Parts are ordered with {@code @Order}, and that order is the load order: a part's tables may refer only to its
 * own earlier tables and to those of parts with a lower order. Within each {@link CountyWork} phase the parts also
 * run in that order.
 * <p>
 * The same seed must give the same rows, so every part draws from the county's one random generator
 * ({@link DemoCounty#rnd()}) in a fixed order. Adding a part that draws only after everything else (a later phase,
 * or the last part in a phase) leaves every existing row as it was.
 */
public interface DemoDataPart {

    /** The tables this part fills, in an order that satisfies their foreign keys. */
    List<DemoTable> tables();

    /** SQL run after every table is copied, in the same transaction (geometry derived in the database, summaries). */
    default List<String> afterLoad() {
        return List.of();
    }

    /** This part's work on one county: a new object per county, so it may keep the county's state in fields. */
    CountyWork start(DemoCounty county);

    /**
     * The phases in which a county grows, called for every part, phase by phase. A part implements the phases it
     * takes part in; what it writes in one phase can be read by any part in a later one.
     */
    interface CountyWork {

        /** The ground everything stands on: administrative units, relief, altitude belts. */
        default void ground() {
        }

        /** The parcels of every village, with their land classes. */
        default void fields() {
        }

        /** The village households. */
        default void people() {
        }

        /** Roads, settlements and places. */
        default void network() {
        }

        /** Those who act on the land market (transferees). */
        default void parties() {
        }

        /** Before the plots of a village are built on (one call per village, in village order). */
        default void village(DemoVillage village) {
        }

        /**
         * Each parcel of the village just started, in parcel order. Built-up plots are taken here, one parcel at a
         * time across all parts, because what stands on one plot (a homestead, a farm facility, rooftop PV) is
         * drawn in the order of the parcels.
         */
        default void plot(DemoParcel parcel) {
        }

        /** Listings and contracts of the land market. */
        default void market() {
        }

        /** Protection designations (permanent basic farmland, high-standard farmland projects, zones). */
        default void protection() {
        }

        /** Rows that sum up what earlier phases decided (the parcel rows with their flags, plan targets). */
        default void records() {
        }
    }
}
