package org.landatlas.ogcapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.landatlas.platform.SqlWhere;
import org.landatlas.security.Viewer;

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

    @Test
    void aStaffOnlyCollectionIsClosedToThePublicAndCutToTheStaffsCounties() {
        FeatureCollectionSource plots = FeatureCollectionSource.builder("plots").title("P").description("d").polygons("plot t", "t.geom")
                .property("a", "t.a", FeatureCollectionSource.Type.STRING, "a").countyColumn("t.county").staffOnly().build();
        FeatureCollectionSource open = FeatureCollectionSource.builder("open").title("O").description("d").polygons("open t", "t.geom")
                .property("a", "t.a", FeatureCollectionSource.Type.STRING, "a").build();
        Viewer staff = new Viewer(Viewer.Role.STAFF, 7L, "wang", Set.of("150627"), false, "token");
        Viewer admin = new Viewer(Viewer.Role.ADMIN, 1L, "admin", Set.of(), false, "token");
        Viewer noCounties = new Viewer(Viewer.Role.STAFF, 8L, "li", Set.of(), false, "token");

        assertThat(open.audience()).isEqualTo(FeatureCollectionSource.Audience.PUBLIC);
        assertThat(open.audience().admits(Viewer.PUBLIC)).isTrue();
        assertThat(plots.audience().admits(Viewer.PUBLIC)).isFalse();
        assertThat(plots.audience().admits(staff)).isTrue();

        SqlWhere w = new SqlWhere();
        plots.restrict(w, staff);
        assertThat(w.sql()).isEqualTo("TRUE AND t.county IN (:p0)");
        assertThat(w.params().getValue("p0")).isEqualTo(Set.of("150627"));
        SqlWhere all = new SqlWhere();
        plots.restrict(all, admin);
        assertThat(all.sql()).isEqualTo("TRUE");
        SqlWhere none = new SqlWhere();
        plots.restrict(none, noCounties);
        assertThat(none.sql()).isEqualTo("TRUE AND false");
        SqlWhere openRows = new SqlWhere();
        open.restrict(openRows, staff);
        assertThat(openRows.sql()).isEqualTo("TRUE");
    }
}
