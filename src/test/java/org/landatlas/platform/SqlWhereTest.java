package org.landatlas.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The SQL written for typed filter values: conditions with named parameters, nothing for absent values. */
class SqlWhereTest {

    @Test
    void aBoxIsAnIndexTestAndAnExactOne() {
        SqlWhere w = new SqlWhere().bbox(new BBox(99.7, 27.8, 99.72, 27.82), "t.geom");
        String env = "ST_MakeEnvelope(:p0, :p1, :p2, :p3, 4490)";
        assertThat(w.sql()).isEqualTo("TRUE AND t.geom && " + env + " AND ST_Intersects(t.geom, " + env + ")");
        assertThat(List.of(w.params().getValue("p0"), w.params().getValue("p1"), w.params().getValue("p2"), w.params().getValue("p3")))
                .containsExactly(99.7, 27.8, 99.72, 27.82);
        assertThat(new SqlWhere().bbox(null, "t.geom").sql()).isEqualTo("TRUE");
    }

    @Test
    void nearWithoutRadiusOnlyOrdersWithOneItFilters() {
        SqlWhere ordering = new SqlWhere();
        SqlWhere.Distance d = ordering.near(new Near(List.of(99.7, 27.8), null), "t.geom");
        assertThat(ordering.sql()).isEqualTo("TRUE");
        assertThat(d.pointSql()).isEqualTo("ST_SetSRID(ST_MakePoint(:p0, :p1), 4490)");
        assertThat(d.distanceSql()).isEqualTo("ST_Distance(t.geom::geography, ST_SetSRID(ST_MakePoint(:p0, :p1), 4490)::geography)");
        assertThat(d.radiusM()).isNull();

        SqlWhere filtering = new SqlWhere();
        SqlWhere.Distance r = filtering.near(new Near(List.of(99.7, 27.8), 800.0), "t.geom");
        assertThat(r.radiusM()).isEqualTo(800.0);
        assertThat(filtering.sql()).isEqualTo("TRUE AND t.geom && ST_Expand(" + r.pointSql() + ", :p2, :p3) AND ST_DWithin(t.geom::geography, "
                + r.pointSql() + "::geography, :p4)");
        // The degree box holds the radius: a degree of latitude is at most 111.7 km, of longitude less at 27.8°N.
        assertThat((double) filtering.params().getValue("p3")).isGreaterThan(800 / 111_700.0);
        assertThat((double) filtering.params().getValue("p2")).isGreaterThan((double) filtering.params().getValue("p3"));
        assertThat(filtering.params().getValue("p4")).isEqualTo(800.0);
        assertThat(new SqlWhere().near(null, "t.geom")).isNull();
    }

    @Test
    void rangesAndValueLists() {
        assertThat(new SqlWhere().range(new Range(10.0, 60.0), "t.area_mu").sql()).isEqualTo("TRUE AND t.area_mu >= :p0 AND t.area_mu <= :p1");
        assertThat(new SqlWhere().range(new Range(null, 60.0), "t.area_mu").sql()).isEqualTo("TRUE AND t.area_mu <= :p0");
        assertThat(new SqlWhere().range(new Range(null, null), "t.area_mu").sql()).isEqualTo("TRUE");
        assertThat(new SqlWhere().range(null, "t.area_mu").sql()).isEqualTo("TRUE");
        SqlWhere in = new SqlWhere().in(List.of("LISTED", "NEGOTIATING"), "t.status", true);
        assertThat(in.sql()).isEqualTo("TRUE AND t.status IN (:p0)");
        assertThat(in.params().getValue("p0")).isEqualTo(List.of("listed", "negotiating"));
        assertThat(new SqlWhere().in(List.of(), "t.status", true).sql()).isEqualTo("TRUE AND FALSE");
        assertThat(new SqlWhere().in(null, "t.status", true).sql()).isEqualTo("TRUE");
    }

    @Test
    void extraColumnsAreLabelledOnlyWithFieldNames() {
        assertThat(new Connections.ExtraColumn("distanceM", "ST_Distance(a, b)").field()).isEqualTo("distanceM");
        assertThatThrownBy(() -> new Connections.ExtraColumn("distanceM\" FROM pg_authid --", "1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Connections.ExtraColumn("1st", "1")).isInstanceOf(IllegalArgumentException.class);
    }
}
