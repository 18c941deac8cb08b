package org.landatlas.demodata;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;

/** A real township of a demo county with its synthetic boundary and seat (local metres). */
public final class DemoTownship {

    private final CountySource.Township source;
    private final Geometry local;
    private final Coordinate seat;
    private final List<DemoVillage> villages = new ArrayList<>();
    private int population;
    private int households;

    DemoTownship(CountySource.Township source, Geometry local, Coordinate seat) {
        this.source = source;
        this.local = local;
        this.seat = seat;
    }

    void add(DemoVillage village) {
        villages.add(village);
        households += village.householdCount();
        population += village.population();
    }

    public String code() {
        return source.code();
    }

    public String name() {
        return source.name();
    }

    /** 镇, 乡, 街道, 苏木 … as the statistical division names it. */
    public String kind() {
        return source.kind();
    }

    public Geometry local() {
        return local;
    }

    public Coordinate seat() {
        return seat;
    }

    public int population() {
        return population;
    }

    public int householdCount() {
        return households;
    }

    public List<DemoVillage> villages() {
        return Collections.unmodifiableList(villages);
    }
}
