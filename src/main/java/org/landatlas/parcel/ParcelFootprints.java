package org.landatlas.parcel;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What another feature needs to know of parcels it puts in a record (a listing, a dispute): where each lies, its
 * class group and its ellipsoidal area, and the union of several. The parcels are locked (FOR UPDATE, in id
 * order) so two changes that check the same parcels queue, and the second sees what the first decided.
 */
@Component
public class ParcelFootprints {

    /** A parcel: county, village, class group (farmland, garden, forest, grassland …), ellipsoidal area in m². */
    public record Footprint(long id, String county, String village, String classGroup, double areaM2) {
    }

    /** The union of parcels as EWKB (MultiPolygon, EPSG:4490) and the sum of their ellipsoidal areas. */
    public record Union(byte[] ewkb, double areaM2) {
    }

    private final NamedParameterJdbcTemplate jdbc;

    ParcelFootprints(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The parcels that exist among {@code ids}, locked, in id order (missing ids are simply absent). */
    public List<Footprint> lock(Collection<Long> ids) {
        List<Footprint> out = new ArrayList<>();
        if (ids.isEmpty()) {
            return out;
        }
        jdbc.query("""
                SELECT p.id, p.county_code, p.village_code,
                       (SELECT c.class_group FROM land_class c WHERE c.class_system = p.class_system AND c.code = p.dlbm) AS class_group,
                       ST_Area(p.geom::geography) AS area_m2
                FROM land_parcel p WHERE p.id IN (:ids) ORDER BY p.id FOR UPDATE OF p""", Map.of("ids", ids),
                rs -> {
                    out.add(new Footprint(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getDouble(5)));
                });
        return out;
    }

    /** The union of the parcels' outlines and the sum of their ellipsoidal areas (land surveys sum parcels, never the union's area). */
    public Union union(Collection<Long> ids) {
        return jdbc.queryForObject("""
                SELECT ST_AsEWKB(ST_Multi(ST_CollectionExtract(ST_UnaryUnion(ST_Collect(geom)), 3))), sum(ST_Area(geom::geography))
                FROM land_parcel WHERE id IN (:ids)""", Map.of("ids", ids), (rs, i) -> new Union(rs.getBytes(1), rs.getDouble(2)));
    }
}
