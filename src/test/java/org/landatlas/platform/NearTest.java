package org.landatlas.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Every rule of a near filter, with the argument path and message clients see. */
class NearTest {

    private static void refused(Near near, String argument, String message) {
        assertThatThrownBy(() -> Near.checked(near, "filter.near")).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.code()).isEqualTo(ApiException.Code.BAD_USER_INPUT);
            assertThat(e.argument()).isEqualTo(argument);
            assertThat(e.getMessage()).isEqualTo(argument + ": " + message);
        });
    }

    @Test
    void refusesBadPointsAndRadiiNamingTheField() {
        refused(new Near(null, 10.0), "filter.near.point", "needs [longitude, latitude]");
        refused(new Near(List.of(99.7), 10.0), "filter.near.point", "needs [longitude, latitude]");
        refused(new Near(List.of(99.7, 27.8, 3.0), null), "filter.near.point", "needs [longitude, latitude]");
        refused(new Near(List.of(181.0, 27.8), null), "filter.near.point", "(181.0, 27.8) is not a longitude/latitude");
        refused(new Near(List.of(99.7, -90.5), null), "filter.near.point", "(99.7, -90.5) is not a longitude/latitude");
        refused(new Near(List.of(99.7, 27.8), -1.0), "filter.near.distanceM", "must not be negative, got -1.0");
        refused(new Near(List.of(99.7, 27.8), Double.NaN), "filter.near.distanceM", "must not be negative, got NaN");
        refused(new Near(List.of(99.7, 27.8), 1e9), "filter.near.distanceM", "at most 200000 m, got 1.0E9");
    }

    @Test
    void acceptsAPointWithOrWithoutRadius() {
        Near withRadius = new Near(Arrays.asList(99.7, 27.8), Near.MAX_DISTANCE_M);
        assertThat(Near.checked(withRadius, "near")).isSameAs(withRadius);
        assertThat(withRadius.lon()).isEqualTo(99.7);
        assertThat(withRadius.lat()).isEqualTo(27.8);
        Near nearestFirst = new Near(List.of(-180.0, 90.0), null);
        assertThat(Near.checked(nearestFirst, "near")).isSameAs(nearestFirst);
        assertThat(Near.checked(new Near(List.of(0.0, 0.0), 0.0), "near")).isNotNull();
        assertThat(Near.checked(null, "near")).isNull();
    }
}
