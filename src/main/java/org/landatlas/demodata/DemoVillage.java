package org.landatlas.demodata;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;

/**
 * A real village (or community, gacha) of a demo county with its synthetic boundary and seat (local metres), and
 * what parts add to it as the county grows: its parcels, its field spacing, the ids of its households.
 */
public final class DemoVillage {

    private final CountySource.Village source;
    private final DemoTownship township;
    private final Geometry local;
    private final Coordinate seat;
    private final int households;
    private final int population;
    private final List<DemoParcel> parcels = new ArrayList<>();
    private final List<Long> householdIds = new ArrayList<>();
    private double fieldSpacing;

    DemoVillage(CountySource.Village source, DemoTownship township, Geometry local, Coordinate seat, int households, int population) {
        this.source = source;
        this.township = township;
        this.local = local;
        this.seat = seat;
        this.households = households;
        this.population = population;
    }

    public String code() {
        return source.code();
    }

    /** The official name, e.g. 某某村民委员会. */
    public String name() {
        return source.name();
    }

    /** The name as people say it: without 村民委员会, 居委会 …. */
    public String shortName() {
        return source.name().replaceAll("(村民委员会|村委会|居民委员会|居委会|嘎查村民委员会)$", "");
    }

    /** 村, 社区, 嘎查 … as the statistical division names it. */
    public String kind() {
        return source.kind();
    }

    public DemoTownship township() {
        return township;
    }

    public Geometry local() {
        return local;
    }

    public Coordinate seat() {
        return seat;
    }

    public int householdCount() {
        return households;
    }

    public int population() {
        return population;
    }

    public List<DemoParcel> parcels() {
        return Collections.unmodifiableList(parcels);
    }

    void add(DemoParcel parcel) {
        parcels.add(parcel);
    }

    /** Distance between field centres (m), chosen when the village's parcels are laid out. */
    public double fieldSpacing() {
        return fieldSpacing;
    }

    public void fieldSpacing(double metres) {
        this.fieldSpacing = metres;
    }

    public List<Long> householdIds() {
        return Collections.unmodifiableList(householdIds);
    }

    public void addHousehold(long id) {
        householdIds.add(id);
    }
}
