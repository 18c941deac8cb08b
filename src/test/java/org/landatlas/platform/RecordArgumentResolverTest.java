package org.landatlas.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class RecordArgumentResolverTest {

    enum Direction { ASC, DESC }

    record Inner(Double min, Double max) {
        Inner {
            if (min != null && max != null && min > max) {
                throw ApiException.badInput("range", "min is above max");
            }
        }
    }

    record Outer(List<Double> bbox, Inner range, List<Inner> ranges, Direction direction, Integer count, Long big, String name,
                 Boolean flag, List<String> codes, Object anything) {
    }

    private final RecordArgumentResolver resolver = new RecordArgumentResolver();

    @Test
    void bindsNestedRecordsListsEnumsAndNumbers() {
        Map<String, Object> raw = new HashMap<>();
        raw.put("bbox", List.of(1, 2.5, 3, 4));
        raw.put("range", Map.of("min", 1, "max", 2.5));
        raw.put("ranges", List.of(Map.of("min", 0.5)));
        raw.put("direction", "DESC");
        raw.put("count", 7);
        raw.put("big", 9);
        raw.put("name", "县");
        raw.put("flag", true);
        raw.put("codes", Arrays.asList("0101", null));
        Object geometry = new Object();
        raw.put("anything", geometry);
        Outer o = (Outer) resolver.bind(raw, Outer.class);
        assertEquals(List.of(1.0, 2.5, 3.0, 4.0), o.bbox());
        assertEquals(new Inner(1.0, 2.5), o.range());
        assertEquals(List.of(new Inner(0.5, null)), o.ranges());
        assertEquals(Direction.DESC, o.direction());
        assertEquals(7, o.count());
        assertEquals(9L, o.big());
        assertEquals("县", o.name());
        assertEquals(true, o.flag());
        assertEquals(Arrays.asList("0101", null), o.codes());
        assertSame(geometry, o.anything());
    }

    @Test
    void leavesOmittedFieldsNull() {
        Outer o = (Outer) resolver.bind(Map.of("name", "x"), Outer.class);
        assertNull(o.bbox());
        assertNull(o.range());
        assertNull(o.direction());
        assertNull(resolver.bind(null, Outer.class));
    }

    @Test
    void theRecordsOwnChecksRunAndTheirErrorsPassUnchanged() {
        ApiException e = assertThrows(ApiException.class, () -> resolver.bind(Map.of("range", Map.of("min", 3, "max", 1)), Outer.class));
        assertTrue(e.getMessage().contains("min is above max"), e.getMessage());
    }

    @Test
    void refusesWhatItCannotBind() {
        assertThrows(IllegalArgumentException.class, () -> resolver.bind(Map.of("direction", "SIDEWAYS"), Outer.class));
        assertThrows(IllegalArgumentException.class, () -> resolver.bind(Map.of("count", "seven"), Outer.class));
    }
}
