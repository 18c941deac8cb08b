package org.landatlas.demodata;

import org.locationtech.jts.geom.Geometry;

/**
 * A generated parcel as the parts share it: where it lies, its land class and size, and the flags that later
 * phases set on it (protection, circulation) before its row is written.
 */
public final class DemoParcel {

    private final long id;
    private final DemoVillage village;
    private final ParcelFabric.Plot plot;
    private final Geometry lonLat;
    private final String landClass;
    private final String group;
    private final double areaM2;
    private final double slopeDeg;
    private boolean permanentBasicFarmland;
    private Long hsfProjectId;
    private boolean hsfBuilt;
    private String circulation = "none";

    public DemoParcel(long id, DemoVillage village, ParcelFabric.Plot plot, Geometry lonLat, String landClass, String group,
                      double areaM2, double slopeDeg) {
        this.id = id;
        this.village = village;
        this.plot = plot;
        this.lonLat = lonLat;
        this.landClass = landClass;
        this.group = group;
        this.areaM2 = areaM2;
        this.slopeDeg = slopeDeg;
    }

    public long id() {
        return id;
    }

    public DemoVillage village() {
        return village;
    }

    /** The plot in local metres, with its field cell for finding neighbours. */
    public ParcelFabric.Plot plot() {
        return plot;
    }

    /** The outline in CGCS2000 lon/lat (SRID 4490), as stored. */
    public Geometry lonLat() {
        return lonLat;
    }

    /** The 三调 working-classification code (DLBM). */
    public String landClass() {
        return landClass;
    }

    /** The land-class group (farmland, garden, forest, grassland …). */
    public String group() {
        return group;
    }

    public double areaM2() {
        return areaM2;
    }

    public double slopeDeg() {
        return slopeDeg;
    }

    public boolean permanentBasicFarmland() {
        return permanentBasicFarmland;
    }

    public void permanentBasicFarmland(boolean designated) {
        this.permanentBasicFarmland = designated;
    }

    public Long hsfProjectId() {
        return hsfProjectId;
    }

    public boolean hsfBuilt() {
        return hsfBuilt;
    }

    /** Marks the parcel as part of a high-standard farmland project, built when the project is completed or accepted. */
    public void hsfProject(long projectId, boolean built) {
        this.hsfProjectId = projectId;
        this.hsfBuilt = built;
    }

    /** none, listed or circulated. */
    public String circulation() {
        return circulation;
    }

    public void circulation(String status) {
        this.circulation = status;
    }
}
