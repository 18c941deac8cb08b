package org.landatlas.ogcapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The CRS names the API understands, the zone codes, and what the collection builder refuses. */
class CrsAndSeamTest {

    @Test
    void crsUrisAndSafeCuriesNameTheSameCrs() {
        assertThat(Crs.parse("http://www.opengis.net/def/crs/OGC/1.3/CRS84")).contains(Crs.CRS84);
        assertThat(Crs.parse("[OGC:CRS84]")).contains(Crs.CRS84);
        assertThat(Crs.parse("http://www.opengis.net/def/crs/EPSG/0/4490")).contains(Crs.CGCS2000);
        assertThat(Crs.parse("[EPSG:4490]")).contains(Crs.CGCS2000);
        assertThat(Crs.parse("EPSG:4528").orElseThrow().srid()).isEqualTo(4528);
        assertThat(Crs.parse("http://www.opengis.net/def/crs/EPSG/0/4549").orElseThrow().latFirst()).isTrue();
        assertThat(Crs.parse("[EPSG:4490")).isEmpty();
        assertThat(Crs.parse("http://www.opengis.net/def/crs/EPSG/0/4326")).isEmpty();
        assertThat(Crs.parse("http://www.opengis.net/def/crs/EPSG/0/3857")).isEmpty();
        assertThat(Crs.parse("CRS84x")).isEmpty();
        assertThat(Crs.CRS84.latFirst()).isFalse();
        assertThat(Crs.CGCS2000.latFirst()).isTrue();
    }

    @Test
    void eachThreeDegreeZoneHasItsPrefixedAndTruncatedCode() {
        // EPSG: zone 25 → 4513 / 4534 (CM 75°E); zone 40 → 4528 / 4549 (CM 120°E); zone 45 → 4533 / 4554 (CM 135°E).
        assertThat(Crs.gaussKrugerCodes(25)).containsExactly(4513, 4534);
        assertThat(Crs.gaussKrugerCodes(40)).containsExactly(4528, 4549);
        assertThat(Crs.gaussKrugerCodes(45)).containsExactly(4533, 4554);
        assertThat(Crs.zoneOf(119.7)).isEqualTo(40);
        assertThat(Crs.zoneOf(99.7)).isEqualTo(33);
        assertThat(Crs.CGCS2000.output("t.geom")).isEqualTo("ST_FlipCoordinates(t.geom)");
        assertThat(Crs.epsg(4528).output("t.geom")).isEqualTo("ST_FlipCoordinates(ST_Transform(t.geom, 4528))");
        assertThat(Crs.CRS84.output("t.geom")).isEqualTo("t.geom");
    }

    @Test
    void theBuilderRefusesBadNamesAndQueryParameterNames() {
        assertThatThrownBy(() -> FeatureCollectionSource.builder("Parcels")).hasMessageContaining("lower-case");
        assertThatThrownBy(() -> FeatureCollectionSource.builder("x").property("limit", "t.a", FeatureCollectionSource.Type.STRING, "a"))
                .hasMessageContaining("query parameter");
        assertThatThrownBy(() -> FeatureCollectionSource.builder("x").property("a", "t.a", FeatureCollectionSource.Type.STRING, "a")
                .property("a", "t.b", FeatureCollectionSource.Type.STRING, "b")).hasMessageContaining("twice");
        assertThatThrownBy(() -> FeatureCollectionSource.builder("x").title("X").description("d").polygons("x t", "t.geom").build())
                .hasMessageContaining("no properties");
        assertThatThrownBy(() -> FeatureCollectionSource.builder("x").property("a", "t.a", FeatureCollectionSource.Type.STRING, "a").build())
                .hasMessageContaining("title");
    }
}
