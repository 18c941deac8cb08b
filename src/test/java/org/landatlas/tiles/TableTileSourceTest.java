package org.landatlas.tiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.landatlas.platform.ApiException;
import org.landatlas.security.PublicRows;
import org.landatlas.security.Viewer;

/** A declared table source: its description, and the SQL it selects for a tile, condition by condition. */
class TableTileSourceTest {

    static final TableTileSource PLOTS = TableTileSource.builder("plots")
            .title("Plots").description("Test plots.")
            .polygons("plot t JOIN plot_kind k ON k.id = t.kind_id", "t.shape")
            .zooms(5, 20)
            .attribute("id", "t.id")
            .attribute("kind", "k.name")
            .attributeFrom(14, "owner", "t.owner_code")
            .filter("kind", TileFilter.values("k.name", "a", "b", "c"))
            .filter("admin_code", TileFilter.adminCode("t.village_code"))
            .filter("fenced", TileFilter.bool("t.fenced"))
            .where("t.active")
            .invalidatedBy("plot", "plot_kind")
            .publicRows(new PublicRows("t.shown", "t.county_code"))
            .minPixelArea(2)
            .build();

    static final Viewer STAFF = new Viewer(Viewer.Role.STAFF, 3L, "s", Set.of("150627"), false, "token");

    @Test
    void describesItself() {
        assertThat(PLOTS.name()).isEqualTo("plots");
        assertThat(PLOTS.geometryType()).hasToString("polygon");
        assertThat(PLOTS.fields()).containsExactly("id", "kind", "owner");
        assertThat(PLOTS.attributesAt(13)).containsOnlyKeys("id", "kind");
        assertThat(PLOTS.filters().keySet()).containsExactly("kind", "admin_code", "fenced");
        assertThat(PLOTS.invalidatedBy()).containsExactly("plot", "plot_kind");
        assertThat(PLOTS.publicRows()).isPresent();
    }

    @Test
    void selectsWithTheFixedConditionThenPublicRowsThenFiltersByNameThenTheSubPixelDrop() {
        TileFilters f = TileFilters.check(PLOTS.filters(), Map.of("kind", "b, a", "fenced", "1", "admin_code", "150627"));
        TileQuery q = PLOTS.query(14, f, STAFF);
        assertThat(q.from()).isEqualTo("plot t JOIN plot_kind k ON k.id = t.kind_id");
        assertThat(q.geometry()).isEqualTo("t.shape");
        assertThat(q.featureId()).isEqualTo("t.id");
        assertThat(q.attributes()).containsExactly(Map.entry("id", "t.id"), Map.entry("kind", "k.name"), Map.entry("owner", "t.owner_code"));
        assertThat(q.where().sql()).isEqualTo("TRUE AND t.active AND (t.shown OR t.county_code IN (:p0))"
                + " AND t.village_code BETWEEN :p1 AND :p2 AND t.fenced = :p3 AND k.name IN (:p4) AND ST_Area(t.shape) > :p5");
        assertThat(q.where().params().getValue("p4")).isEqualTo(java.util.List.of("b", "a"));
        assertThat(q.where().params().getValue("p3")).isEqualTo(true);
        double pixelDeg = 360.0 / Math.pow(2, 14) / 256;
        assertThat(q.where().params().getValue("p5")).isEqualTo(2 * pixelDeg * pixelDeg);
    }

    @Test
    void administratorsGetNoRowRestriction() {
        Viewer admin = new Viewer(Viewer.Role.ADMIN, 1L, "admin", Set.of(), true, "session");
        assertThat(PLOTS.query(8, TileFilters.none(), admin).where().sql()).isEqualTo("TRUE AND t.active AND ST_Area(t.shape) > :p0");
    }

    @Test
    void badFilterValuesAreRefusedNamingTheParameter() {
        assertThatThrownBy(() -> TileFilters.check(PLOTS.filters(), Map.of("kind", "a,z")))
                .isInstanceOf(ApiException.class).hasMessageContaining("'z' is not one of a, b, c")
                .extracting(e -> ((ApiException) e).argument()).isEqualTo("kind");
        assertThatThrownBy(() -> TileFilters.check(PLOTS.filters(), Map.of("fenced", "maybe")))
                .hasMessageContaining("'maybe' is not true or false");
        assertThatThrownBy(() -> TileFilters.check(PLOTS.filters(), Map.of("admin_code", "1506")))
                .hasMessageContaining("'1506' is not an administrative code");
        // The first bad one in name order is reported.
        assertThatThrownBy(() -> TileFilters.check(PLOTS.filters(), Map.of("kind", "z", "fenced", "maybe")))
                .extracting(e -> ((ApiException) e).argument()).isEqualTo("fenced");
    }

    @Test
    void declarationsThatCannotWorkAreRefusedAtStart() {
        assertThatThrownBy(() -> TableTileSource.builder("Bad Name")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TableTileSource.builder("x").title("X").description("x").points("x t", "t.geom").zooms(10, 23).attribute("id", "t.id").build())
                .hasMessageContaining("zooms 10–23");
        assertThatThrownBy(() -> TableTileSource.builder("x").attribute("id", "t.id").attribute("id", "t.other"))
                .hasMessageContaining("attribute id twice");
        assertThatThrownBy(() -> TableTileSource.builder("x").title("X").description("x").attribute("id", "t.id").build())
                .hasMessageContaining("geometry of tile source x");
        assertThatThrownBy(() -> new TileCatalogue(java.util.List.of(PLOTS, PLOTS))).hasMessageContaining("two tile sources are named plots");
    }
}
