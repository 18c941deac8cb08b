package org.landatlas.terrain.demo;

import static org.landatlas.demodata.DemoGeometry.round2;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.landatlas.demodata.CopyTable;
import org.landatlas.demodata.CountyCharacter;
import org.landatlas.demodata.CountyCharacter.BeltDef;
import org.landatlas.demodata.DemoCounty;
import org.landatlas.demodata.DemoDataPart;
import org.landatlas.demodata.DemoTable;
import org.landatlas.demodata.LocalProjection;
import org.locationtech.jts.geom.Envelope;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The county's synthetic relief as a DEM raster, and its altitude industry belts; the belts' polygons are cut
 * from the DEM by the database after the load.
 */
@Component
@Order(200)
class TerrainDemoData implements DemoDataPart {

    static final DemoTable DEM = DemoTable.keyed("dem", "county_code", "rast", "resolution_m", "min_elevation_m", "max_elevation_m",
            "source", "synthetic");
    static final DemoTable BELT_SCHEME = DemoTable.serial("belt_scheme", "id", "county_code", "name", "description", "is_default");
    static final DemoTable BELT = DemoTable.serial("belt", "id", "scheme_id", "code", "name", "min_elevation_m", "max_elevation_m",
            "recommended_industries", "colour");

    /** Belts: the part of the county whose DEM elevation falls in each belt's band. */
    private static final String BELT_POLYGONS = """
            UPDATE belt b SET geom = sub.geom FROM (
              SELECT b.id, ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_Intersection(ST_Union(dp.geom), a.boundary)), 3)) AS geom
              FROM belt b
              JOIN belt_scheme s ON s.id = b.scheme_id
              JOIN dem d ON d.county_code = s.county_code
              JOIN admin_unit a ON a.code = s.county_code
              CROSS JOIN LATERAL ST_DumpAsPolygons(ST_Reclass(d.rast, 1,
                  concat_ws(',',
                    CASE WHEN b.min_elevation_m > 0 THEN format('[0-%s):0', b.min_elevation_m) END,
                    format('[%s-%s):1', b.min_elevation_m, b.max_elevation_m),
                    format('[%s-20000]:0', b.max_elevation_m)),
                  '8BUI', 0)) dp
              WHERE b.geom IS NULL
              GROUP BY b.id, a.boundary) sub
            WHERE sub.id = b.id""";

    @Override
    public List<DemoTable> tables() {
        return List.of(DEM, BELT_SCHEME, BELT);
    }

    @Override
    public List<String> afterLoad() {
        return List.of(BELT_POLYGONS);
    }

    @Override
    public CountyWork start(DemoCounty county) {
        return new CountyWork() {
            @Override
            public void ground() {
                writeDem(county);
                List<Long> beltIds = writeBelts(county);
                List<BeltDef> belts = county.character().belts();
                county.beltsBy(elevation -> {
                    for (int i = 0; i < belts.size(); i++) {
                        if (elevation < belts.get(i).max()) {
                            return beltIds.get(i);
                        }
                    }
                    return beltIds.get(beltIds.size() - 1);
                });
            }
        };
    }

    /** A Float32 DEM over the county's extent, written as PostGIS raster WKB (no more than 400 cells a side). */
    private static void writeDem(DemoCounty c) {
        LocalProjection proj = c.projection();
        CountyCharacter ch = c.character();
        Envelope ll = c.outline().getEnvelopeInternal();
        double widthM = proj.toX(ll.getMaxX()) - proj.toX(ll.getMinX());
        double heightM = proj.toY(ll.getMaxY()) - proj.toY(ll.getMinY());
        double resM = Math.max(widthM, heightM) / 400.0;
        int w = (int) Math.ceil(widthM / resM);
        int h = (int) Math.ceil(heightM / resM);
        double sx = (ll.getMaxX() - ll.getMinX()) / w;
        double sy = (ll.getMaxY() - ll.getMinY()) / h;
        ByteBuffer buf = ByteBuffer.allocate(61 + 5 + 4 * w * h).order(ByteOrder.LITTLE_ENDIAN);
        buf.put((byte) 1).putShort((short) 0).putShort((short) 1);
        buf.putDouble(sx).putDouble(-sy).putDouble(ll.getMinX()).putDouble(ll.getMaxY()).putDouble(0).putDouble(0);
        buf.putInt(4490).putShort((short) w).putShort((short) h);
        buf.put((byte) (10 | 0x40)); // 32BF with a nodata value
        buf.putFloat(-9999f);
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (int row = 0; row < h; row++) {
            double lat = ll.getMaxY() - (row + 0.5) * sy;
            for (int col = 0; col < w; col++) {
                double lon = ll.getMinX() + (col + 0.5) * sx;
                double e = c.terrain().elevation(proj.toX(lon), proj.toY(lat));
                min = Math.min(min, e);
                max = Math.max(max, e);
                buf.putFloat((float) e);
            }
        }
        c.rows(DEM).add(c.code(), HexFormat.of().formatHex(buf.array()), round2(resM), round2(min), round2(max),
                "合成DEM (synthetic relief matching the real elevation range " + (int) ch.minElevation() + "–" + (int) ch.maxElevation() + " m)",
                true);
    }

    /** The county's belt scheme and its belts; returns the belts' ids in the character's order. */
    private static List<Long> writeBelts(DemoCounty c) {
        CopyTable schemes = c.rows(BELT_SCHEME);
        CopyTable belts = c.rows(BELT);
        long schemeId = schemes.nextId();
        schemes.add(schemeId, c.code(), c.character().beltSchemeName(), "按海拔划分的产业带（示例）: altitude industry belts of the demo", true);
        List<Long> ids = new ArrayList<>();
        for (BeltDef b : c.character().belts()) {
            long id = belts.nextId();
            ids.add(id);
            belts.add(id, schemeId, b.code(), b.name(), b.min(), b.max(), b.industries(), b.colour());
        }
        return ids;
    }
}
