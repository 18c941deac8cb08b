package org.landatlas.demodata;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.DoubleToLongFunction;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

/**
 * One demo county as the demo-data parts build it: its real names and outline, its character, its relief, the
 * synthetic layout of its townships and villages, the county's one seeded random generator, and what parts share
 * with each other as it grows (parcels, households, altitude belts, roads, roofs, places). Everything is in a fixed
 * order, so the same seed gives the same rows.
 */
public final class DemoCounty {

    /**
     * A roof that can carry rooftop PV: offered by the part that builds it, taken up (or not) at once by whoever
     * listens, so that the random draws stay in the order of the plots.
     */
    public record Roof(DemoVillage village, String siteKind, Long homesteadId, Long facilityId, long parcelId, String roofType,
                       Polygon outline, double usableRatio, String ownerType) {
    }

    /** A place opened on a plot (a homestay, …) that belongs on the map of points of interest. */
    public record Place(String kind, String villageCode, String name, Point lonLat) {
    }

    private final CountySource source;
    private final CountyCharacter character;
    private final int quota;
    private final Integer contractsWanted;
    private final LocalDate asOf;
    private final DemoDataSet data;
    private final LandClassNames landClasses;
    private final SplittableRandom rnd;
    private final LocalProjection projection;
    private final Geometry local;
    private final Terrain terrain;
    private final String shortName;
    private final List<DemoTownship> townships = new ArrayList<>();
    private final Map<String, DemoVillage> villagesByCode = new LinkedHashMap<>();
    private final List<DemoVillage> villages;
    private final List<DemoParcel> parcels = new ArrayList<>();
    private final List<Geometry> roadsLocal = new ArrayList<>();
    private final List<Consumer<Roof>> roofTakers = new ArrayList<>();
    private final List<Consumer<Place>> placeTakers = new ArrayList<>();
    private DemoTownship seatTownship;
    private DoubleToLongFunction beltOfElevation;

    DemoCounty(CountySource source, int quota, Integer contractsWanted, long seed, LocalDate asOf, DemoDataSet data, LandClassNames landClasses) {
        this.source = source;
        this.character = CountyCharacter.of(source.code());
        this.quota = quota;
        this.contractsWanted = contractsWanted;
        this.asOf = asOf;
        this.data = data;
        this.landClasses = landClasses;
        this.shortName = source.name().replaceAll("(族自治旗|自治旗|旗|县|市)$", "");
        this.rnd = new SplittableRandom(seed ^ (Long.parseLong(source.code()) * 0x9E3779B97F4A7C15L));
        Point c = source.outline().getCentroid();
        this.projection = new LocalProjection(c.getX(), c.getY());
        this.local = projection.toLocal(source.outline());
        this.terrain = new Terrain(character, local.getEnvelopeInternal(), rnd.nextLong());
        layOut();
        this.villages = List.copyOf(villagesByCode.values());
    }

    /** Townships around well-spread seats, villages inside each, and the villages' households and people. */
    private void layOut() {
        List<CountySource.Township> srcTownships = source.townships();
        List<AdminLayout.Cell> tCells = AdminLayout.split(local, srcTownships.size(), rnd);
        for (int k = 0; k < srcTownships.size(); k++) {
            DemoTownship tr = new DemoTownship(srcTownships.get(k), tCells.get(k).area(), tCells.get(k).seat());
            townships.add(tr);
            if (tr.name().equals(character.seatTownship())) {
                seatTownship = tr;
            }
            List<CountySource.Village> srcVillages = srcTownships.get(k).villages();
            List<AdminLayout.Cell> vCells = AdminLayout.split(tr.local(), Math.max(1, srcVillages.size()), rnd);
            for (int v = 0; v < srcVillages.size(); v++) {
                CountySource.Village sv = srcVillages.get(v);
                boolean community = "社区".equals(sv.kind());
                boolean pastoral = "嘎查".equals(sv.kind()) || (character.pastoral() && rnd.nextDouble() < 0.3);
                int households = community ? 60 + rnd.nextInt(200) : pastoral ? 50 + rnd.nextInt(200) : 120 + rnd.nextInt(380);
                int population = (int) Math.round(households * (2.4 + rnd.nextDouble() * 1.2));
                DemoVillage vr = new DemoVillage(sv, tr, vCells.get(v).area(), vCells.get(v).seat(), households, population);
                tr.add(vr);
                villagesByCode.put(vr.code(), vr);
            }
        }
        if (seatTownship == null) {
            seatTownship = townships.get(0);
        }
    }

    // ---------------------------------------------------------------------------------------------- the county

    public String code() {
        return source.code();
    }

    public String name() {
        return source.name();
    }

    /** The name without 县, 旗, 市 …, as in firm names. */
    public String shortName() {
        return shortName;
    }

    public String province() {
        return source.province();
    }

    public String city() {
        return source.city();
    }

    /** The real outline in CGCS2000 lon/lat. */
    public Geometry outline() {
        return source.outline();
    }

    /** The outline in local metres. */
    public Geometry local() {
        return local;
    }

    public CountyCharacter character() {
        return character;
    }

    /** Parcels wanted in this county. */
    public int quota() {
        return quota;
    }

    /** Circulation contracts the profile asks for, or empty: as many as the county's land market makes. */
    public OptionalInt contractsWanted() {
        return contractsWanted == null ? OptionalInt.empty() : OptionalInt.of(contractsWanted);
    }

    /** The day the data set describes. */
    public LocalDate asOf() {
        return asOf;
    }

    /** The county's one random generator: every draw of every part comes from it, in phase and part order. */
    public SplittableRandom rnd() {
        return rnd;
    }

    public LocalProjection projection() {
        return projection;
    }

    public Terrain terrain() {
        return terrain;
    }

    public LandClassNames landClasses() {
        return landClasses;
    }

    /** The rows of a table declared by a part (shared by all counties of the data set). */
    public CopyTable rows(DemoTable table) {
        return data.rows(table);
    }

    // ---------------------------------------------------------------------------------------------- layout

    public List<DemoTownship> townships() {
        return Collections.unmodifiableList(townships);
    }

    /** The township of the county seat. */
    public DemoTownship seatTownship() {
        return seatTownship;
    }

    /** Every village, townships in order and each township's villages in order. */
    public List<DemoVillage> villages() {
        return villages;
    }

    /** A point of the layout (local metres) as a stored point (lon/lat, SRID 4490). */
    public Point point(Coordinate localCoordinate) {
        Point p = LocalProjection.LONLAT.createPoint(projection.toLonLat(localCoordinate));
        p.setSRID(4490);
        return p;
    }

    // ---------------------------------------------------------------------------------------------- shared as it grows

    /** Every parcel in the order they were made. */
    public List<DemoParcel> parcels() {
        return Collections.unmodifiableList(parcels);
    }

    public void addParcel(DemoParcel parcel) {
        parcel.village().add(parcel);
        parcels.add(parcel);
    }

    /** Set by the part that writes the altitude belts: the id of the belt an elevation falls in. */
    public void beltsBy(DoubleToLongFunction beltOfElevation) {
        this.beltOfElevation = beltOfElevation;
    }

    public long beltFor(double elevationM) {
        if (beltOfElevation == null) {
            throw new IllegalStateException("no demo-data part has written the altitude belts of " + code());
        }
        return beltOfElevation.applyAsLong(elevationM);
    }

    /** A road as it runs in local metres, for distances to it. */
    public void addRoad(Geometry roadLocal) {
        roadsLocal.add(roadLocal);
    }

    /** Metres from the centroid of a lon/lat geometry to the nearest road (0 without roads). */
    public double roadDistance(Geometry lonLat) {
        Point c = lonLat.getCentroid();
        Point p = LocalProjection.LOCAL.createPoint(new Coordinate(projection.toX(c.getX()), projection.toY(c.getY())));
        double best = Double.MAX_VALUE;
        for (Geometry r : roadsLocal) {
            best = Math.min(best, r.distance(p));
        }
        return best == Double.MAX_VALUE ? 0 : best;
    }

    public void onRoof(Consumer<Roof> taker) {
        roofTakers.add(taker);
    }

    public void offerRoof(Roof roof) {
        roofTakers.forEach(t -> t.accept(roof));
    }

    public void onPlace(Consumer<Place> taker) {
        placeTakers.add(taker);
    }

    public void openPlace(Place place) {
        placeTakers.forEach(t -> t.accept(place));
    }
}
