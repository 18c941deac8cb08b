package org.landatlas.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Every rule of a {min, max} range, with the argument path and message clients see. */
class RangeTest {

    private static void refused(Range range, double lowest, double highest, String message) {
        assertThatThrownBy(() -> Range.checked(range, "filter.areaMu", lowest, highest)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.code()).isEqualTo(ApiException.Code.BAD_USER_INPUT);
            assertThat(e.argument()).isEqualTo("filter.areaMu");
            assertThat(e.getMessage()).isEqualTo("filter.areaMu: " + message);
        });
    }

    @Test
    void refusesInvertedAndOutOfBoundsRanges() {
        refused(new Range(50.0, 10.0), 0, Double.MAX_VALUE, "min 50.0 is greater than max 10.0");
        refused(new Range(-1.0, null), 0, Double.MAX_VALUE, "-1.0 is outside [0.0, ∞]");
        refused(new Range(null, -1.0), 0, Double.MAX_VALUE, "-1.0 is outside [0.0, ∞]");
        refused(new Range(null, 9001.0), -500, 9000, "9001.0 is outside [-500.0, 9000.0]");
        refused(new Range(-600.0, 100.0), -500, 9000, "-600.0 is outside [-500.0, 9000.0]");
        refused(new Range(Double.NaN, null), 0, 90, "NaN is outside [0.0, 90.0]");
    }

    @Test
    void acceptsOpenAndClosedRangesWithinBounds() {
        for (Range r : new Range[] {new Range(null, null), new Range(0.0, null), new Range(null, 90.0), new Range(10.0, 10.0), new Range(0.0, 90.0)}) {
            assertThat(Range.checked(r, "filter.slopeDeg", 0, 90)).isSameAs(r);
        }
        assertThat(Range.checked(null, "filter.slopeDeg", 0, 90)).isNull();
    }
}
