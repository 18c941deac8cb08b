package org.landatlas.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Every rule of a bbox, with the argument path and message clients see, and the area the anonymous limit reads. */
class BBoxTest {

    private static void refused(List<?> value, String message) {
        assertThatThrownBy(() -> BBox.of(value, "filter.bbox")).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.code()).isEqualTo(ApiException.Code.BAD_USER_INPUT);
            assertThat(e.argument()).isEqualTo("filter.bbox");
            assertThat(e.getMessage()).isEqualTo("filter.bbox: " + message);
        });
        assertThat(BBox.ifValid(value)).as("the anonymous limit leaves %s to the filter", value).isEmpty();
    }

    @Test
    void refusesEveryKindOfBadBoxNamingTheArgument() {
        refused(List.of(1.0, 2.0, 3.0), "needs 4 numbers [minLon, minLat, maxLon, maxLat], got 3");
        refused(List.of(1.0, 2.0, 3.0, 4.0, 5.0), "needs 4 numbers [minLon, minLat, maxLon, maxLat], got 5");
        refused(List.of(Double.NaN, 2.0, 3.0, 4.0), "coordinates must be finite numbers");
        refused(List.of(1.0, 2.0, Double.POSITIVE_INFINITY, 4.0), "coordinates must be finite numbers");
        refused(List.of(-200.0, 0.0, 10.0, 10.0), "longitudes must lie in [-180, 180] and latitudes in [-90, 90]");
        refused(List.of(0.0, 0.0, 181.0, 10.0), "longitudes must lie in [-180, 180] and latitudes in [-90, 90]");
        refused(List.of(0.0, -91.0, 10.0, 10.0), "longitudes must lie in [-180, 180] and latitudes in [-90, 90]");
        refused(List.of(0.0, 0.0, 10.0, 90.5), "longitudes must lie in [-180, 180] and latitudes in [-90, 90]");
        refused(List.of(120.0, 40.0, 119.0, 41.0), "minLon 120.0 is greater than maxLon 119.0 (inverted box)");
        refused(List.of(119.0, 41.0, 120.0, 40.0), "minLat 41.0 is greater than maxLat 40.0 (inverted box)");
    }

    @Test
    void acceptsValidBoxesWhateverTheNumberType() {
        assertThat(BBox.of(List.of(99.7, 27.8, 99.72, 27.82), "bbox")).isEqualTo(new BBox(99.7, 27.8, 99.72, 27.82));
        assertThat(BBox.of(List.of(99, 27, 100, 28), "bbox")).isEqualTo(new BBox(99, 27, 100, 28));
        // A point is a box.
        assertThat(BBox.of(List.of(99.0, 27.0, 99.0, 27.0), "bbox")).isEqualTo(new BBox(99, 27, 99, 27));
        assertThat(BBox.of(null, "bbox")).isNull();
        assertThat(BBox.ifValid(List.of(99.7, 27.8, 99.72, 27.82))).contains(new BBox(99.7, 27.8, 99.72, 27.82));
        assertThat(BBox.ifValid((Object) null)).isEmpty();
        assertThat(BBox.ifValid("99,27,100,28")).isEmpty();
        assertThat(BBox.ifValid(List.of(1.0, "2", 3.0, 4.0))).isEmpty();
        assertThat(BBox.ifValid(99, 27, 100, 28)).contains(new BBox(99, 27, 100, 28));
        assertThat(BBox.ifValid(100, 27, 99, 28)).isEmpty();
    }

    @Test
    void aBoxIsNeverInvalid() {
        assertThatThrownBy(() -> new BBox(10, 0, 5, 1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("inverted");
        assertThatThrownBy(() -> new BBox(0, 0, 1, Double.NaN)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("finite");
    }

    @Test
    void areaOnTheSphere() {
        double r = 6371.0088;
        assertThat(new BBox(-180, -90, 180, 90).areaKm2()).isCloseTo(4 * Math.PI * r * r, within(1.0));
        // One degree square at the equator: R² · 1° in radians · sin 1°.
        assertThat(new BBox(0, 0, 1, 1).areaKm2()).isCloseTo(r * r * Math.toRadians(1) * Math.sin(Math.toRadians(1)), within(1e-6))
                .isCloseTo(12_364, within(1.0));
        // Shrinks towards the poles.
        assertThat(new BBox(0, 60, 1, 61).areaKm2()).isLessThan(new BBox(0, 0, 1, 1).areaKm2() / 2 + 10);
        assertThat(new BBox(99, 27, 99, 28).areaKm2()).isZero();
    }
}
