package org.landatlas.security;

import java.util.List;
import java.util.Map;

import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.introspection.Introspection;
import graphql.schema.DataFetcher;
import org.landatlas.platform.ApiException;
import org.landatlas.platform.BBox;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Limits of anonymous GraphQL use, on top of the depth, complexity, page-size, body-size and statement-timeout
 * limits that apply to everyone: the area a bbox, intersects or within filter may cover, the page size, and
 * whether introspection is open (landatlas.graphql.introspection: public, staff or off). Checked on the
 * top-level fields only, where the filters are, so the cost per request is a few map lookups.
 */
@Component
class AnonymousLimits extends SimplePerformantInstrumentation implements WebGraphQlInterceptor {

    private final double maxAreaKm2;
    private final int maxPageSize;
    private final String introspection;

    AnonymousLimits(@Value("${landatlas.limits.anonymous.max-area-km2:10000}") double maxAreaKm2,
                    @Value("${landatlas.limits.anonymous.max-page-size:1000}") int maxPageSize,
                    @Value("${landatlas.graphql.introspection:public}") String introspection) {
        this.maxAreaKm2 = maxAreaKm2;
        this.maxPageSize = maxPageSize;
        this.introspection = introspection;
        if (!List.of("public", "staff", "off").contains(introspection)) {
            throw new IllegalArgumentException("landatlas.graphql.introspection must be public, staff or off, not '" + introspection + "'");
        }
    }

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        boolean allowed = switch (introspection) {
            case "public" -> true;
            case "staff" -> !Viewer.current().isPublic();
            default -> false;
        };
        if (!allowed) {
            request.configureExecutionInput((input, builder) -> builder.graphQLContext(c -> c.put(Introspection.INTROSPECTION_DISABLED, true)).build());
        }
        return chain.next(request);
    }

    @Override
    public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> fetcher, InstrumentationFieldFetchParameters parameters, InstrumentationState state) {
        if (parameters.getExecutionStepInfo().getPath().getLevel() != 1 || parameters.isTrivialDataFetcher()) {
            return fetcher;
        }
        return env -> {
            if (Viewer.current().isPublic()) {
                check(env.getArguments(), "");
            }
            return fetcher.get(env);
        };
    }

    private void check(Map<String, Object> arguments, String prefix) {
        for (Map.Entry<String, Object> e : arguments.entrySet()) {
            String name = prefix + e.getKey();
            Object v = e.getValue();
            switch (e.getKey()) {
                case "first", "last" -> {
                    // Above the general maximum the page request itself explains the limit.
                    if (v instanceof Integer n && n > maxPageSize && n <= org.landatlas.platform.PageRequest.MAX_SIZE) {
                        throw new ApiException(ApiException.Code.TOO_COMPLEX, name, "page size " + n + " is above the anonymous maximum of "
                                + maxPageSize + "; sign in for larger pages");
                    }
                }
                // Invalid boxes and shapes are left to the filter, whose error names the problem.
                case "bbox" -> BBox.ifValid(v).ifPresent(box -> area(name, box));
                case "intersects", "within" -> {
                    if (v instanceof Geometry g && !g.isEmpty() && g.isValid()) {
                        Envelope env = g.getEnvelopeInternal();
                        BBox.ifValid(env.getMinX(), env.getMinY(), env.getMaxX(), env.getMaxY()).ifPresent(box -> area(name, box));
                    }
                }
                default -> {
                    if (v instanceof Map<?, ?> nested) {
                        @SuppressWarnings("unchecked")
                        Map<String, Object> m = (Map<String, Object>) nested;
                        check(m, name + ".");
                    }
                }
            }
        }
    }

    /** Refuses a box larger than the anonymous limit (no limit when it is 0 or less). */
    private void area(String argument, BBox box) {
        if (maxAreaKm2 <= 0) {
            return;
        }
        double km2 = box.areaKm2();
        if (km2 > maxAreaKm2) {
            throw new ApiException(ApiException.Code.TOO_COMPLEX, argument, String.format("covers %,.0f km²; anonymous requests may cover at most %,.0f km² "
                    + "(about a county); narrow the area or sign in", km2, maxAreaKm2));
        }
    }
}
