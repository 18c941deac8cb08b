package org.landatlas.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.core.ResolvableType;
import org.springframework.graphql.data.GraphQlArgumentBinder;

/**
 * Arguments bound by Spring for GraphQL's binder, as the controllers receive them: input records from the raw
 * maps and lists graphql-java hands over, and refusals that reach clients with their message and argument path.
 */
class ArgumentBindingTest {

    private final GraphQlArgumentBinder binder = new GraphQlArgumentBinder();

    record Filter(List<Double> bbox, Near near, Range areaMu, Long transformerNo) {
    }

    record Refusing(Range areaMu) {
        Refusing {
            throw ApiException.badInput("filter.areaMu", "refused by the constructor");
        }
    }

    private Object bind(Object raw, Class<?> type) throws Exception {
        return binder.bind(raw, false, ResolvableType.forClass(type));
    }

    @Test
    void recordsAreBoundFromInputObjects() throws Exception {
        Object f = bind(Map.of("bbox", List.of(99.7, 27.8, 99.72, 27.82), "near", Map.of("point", List.of(99.71, 27.81), "distanceM", 500.0),
                "areaMu", Map.of("min", 10.0)), Filter.class);
        assertThat(f).isEqualTo(new Filter(List.of(99.7, 27.8, 99.72, 27.82), new Near(List.of(99.71, 27.81), 500.0), new Range(10.0, null), null));
        assertThat(bind(null, Filter.class)).isNull();
    }

    /** The refusal clients see for the argument {@code filter} of the given raw value, bound to {@code type}. */
    private ApiException refusal(Map<String, Object> raw, Class<?> type) {
        Throwable bound = catchThrowable(() -> bind(raw, type));
        assertThat(bound).as("binding %s", raw).isNotNull();
        return ArgumentErrors.refusal(bound, Map.of("first", 10, "filter", raw));
    }

    @Test
    void aValueTheJavaTypeCannotHoldIsBadInputNamingItsPath() {
        ApiException e = refusal(Map.of("areaMu", Map.of("min", "x")), Filter.class);
        assertThat(e.code()).isEqualTo(ApiException.Code.BAD_USER_INPUT);
        assertThat(e.argument()).isEqualTo("filter.areaMu.min");
        assertThat(e.getMessage()).isEqualTo("filter.areaMu.min: cannot take the value 'x'");
        assertThat(refusal(Map.of("bbox", List.of(1.0, "y")), Filter.class).argument()).isEqualTo("filter.bbox[1]");
        assertThat(refusal(Map.of("transformerNo", "abc"), Filter.class).argument()).isEqualTo("filter.transformerNo");
    }

    @Test
    void aRefusalThrownWhileBindingReachesClientsUnchanged() {
        ApiException e = refusal(Map.of("areaMu", Map.of("min", 1.0)), Refusing.class);
        assertThat(e.argument()).isEqualTo("filter.areaMu");
        assertThat(e.getMessage()).isEqualTo("filter.areaMu: refused by the constructor");
    }

    @Test
    void otherFailuresAreNoRefusal() {
        ApiException api = ApiException.badInput("first", "must not be negative, got -1");
        assertThat(ArgumentErrors.refusal(api, Map.of())).isSameAs(api);
        assertThat(ArgumentErrors.refusal(new IllegalStateException("bug"), Map.of())).isNull();
        assertThat(ArgumentErrors.refusal(new RuntimeException(api), Map.of())).as("only the binder's wrapping is looked through").isNull();
    }
}
