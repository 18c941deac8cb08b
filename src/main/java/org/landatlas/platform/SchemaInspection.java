package org.landatlas.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;
import java.util.function.Function;

import graphql.execution.DataFetcherResult;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.context.ApplicationListener;
import org.springframework.core.ResolvableType;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.graphql.execution.SchemaReport;
import org.springframework.graphql.execution.SelfDescribingDataFetcher;
import org.springframework.stereotype.Component;

/**
 * Spring for GraphQL's schema inspection, told what it cannot see. Rows here are maps (a {@link Projection}'s
 * select list, or maps built in code), which the inspection takes for objects without properties, so its report
 * listed nearly every field of the schema at each start and would have hidden a real gap. This report instead:
 * <ul>
 *   <li>checks the fields of a type that a Projection renders against that projection's fields, and the totals of
 *       connections against {@link RenderedConnection};</li>
 *   <li>names, at debug level, the types whose rows are maps built in code: nothing can see their keys, the API
 *       tests read them;</li>
 *   <li>warns about every other field that neither a data fetcher nor a property serves, and about Spring's
 *       registrations and arguments that match nothing in the schema.</li>
 * </ul>
 */
@Component
class SchemaInspection implements GraphQlSourceBuilderCustomizer, ApplicationListener<ApplicationReadyEvent> {

    private static final Logger log = LoggerFactory.getLogger(SchemaInspection.class);

    /** What the inspection found, after what the projections and map rows account for. */
    record Findings(List<FieldCoordinates> unserved, int servedByProjections, Set<String> mapRowTypes, SchemaReport report) {

        boolean clean() {
            return unserved.isEmpty() && report.unmappedRegistrations().isEmpty() && report.unmappedArguments().isEmpty();
        }
    }

    private volatile SchemaReport report;

    @Override
    public void customize(GraphQlSource.SchemaResourceBuilder builder) {
        // Replaces Boot's consumer, which logs the raw report.
        builder.inspectSchemaMappings(r -> this.report = r);
    }

    /** Logged once the application is ready: projections register when their feature's classes are loaded. */
    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        Findings f = findings();
        if (f == null) {
            return;
        }
        if (!f.unserved().isEmpty()) {
            log.warn("GraphQL schema fields that nothing serves (no data fetcher, property or projection field): {}", f.unserved());
        }
        if (!f.report().unmappedRegistrations().isEmpty()) {
            log.warn("GraphQL data fetchers registered for fields the schema does not have: {}", f.report().unmappedRegistrations().keySet());
        }
        if (!f.report().unmappedArguments().isEmpty()) {
            log.warn("GraphQL data fetchers reading arguments the schema does not have: {}", f.report().unmappedArguments());
        }
        log.info("GraphQL schema inspection: {} fields served by projections, {} types of map rows built in code, {} unserved",
                f.servedByProjections(), f.mapRowTypes().size(), f.unserved().size());
        log.debug("GraphQL types of map rows built in code (their fields cannot be inspected): {}", f.mapRowTypes());
    }

    /** The findings of the schema in use, or null before the schema is built. */
    Findings findings() {
        SchemaReport r = report;
        return r == null ? null : classify(r, Projection.BY_NAME::get);
    }

    static Findings classify(SchemaReport report, Function<String, Projection> projections) {
        Set<String> mapRows = mapRowTypes(report);
        List<FieldCoordinates> unserved = new ArrayList<>();
        Set<String> mapRowsSeen = new TreeSet<>();
        int byProjection = 0;
        for (FieldCoordinates field : report.unmappedFields()) {
            String type = field.getTypeName();
            Projection projection = projections.apply(type);
            if (projection != null) {
                if (projection.serves(field.getFieldName())) {
                    byProjection++;
                } else {
                    unserved.add(field);
                }
            } else if (type.endsWith("Connection") && RenderedConnection.CONNECTION_FIELDS.contains(field.getFieldName())) {
                byProjection++;
            } else if (mapRows.contains(type)) {
                mapRowsSeen.add(type);
            } else {
                unserved.add(field);
            }
        }
        return new Findings(List.copyOf(unserved), byProjection, mapRowsSeen, report);
    }

    /**
     * Types whose rows are maps: the output type of a field whose data fetcher declares map rows, and, from such a
     * type, the types of its fields that have no fetcher of their own (maps nest maps).
     */
    static Set<String> mapRowTypes(SchemaReport report) {
        Map<String, GraphQLFieldsContainer> containers = new TreeMap<>();
        for (GraphQLNamedType t : report.schema().getAllTypesAsList()) {
            if (t instanceof GraphQLFieldsContainer c && !t.getName().startsWith("__")) {
                containers.put(t.getName(), c);
            }
        }
        Set<String> maps = new TreeSet<>();
        for (GraphQLFieldsContainer c : containers.values()) {
            for (GraphQLFieldDefinition f : c.getFieldDefinitions()) {
                if (report.dataFetcher(FieldCoordinates.coordinates(c, f)) instanceof SelfDescribingDataFetcher<?> d && rowsAreMaps(d)) {
                    maps.add(outputTypeName(f.getType()));
                }
            }
        }
        boolean grew = true;
        while (grew) {
            grew = false;
            for (String name : List.copyOf(maps)) {
                GraphQLFieldsContainer c = containers.get(name);
                if (c == null) {
                    continue;
                }
                for (GraphQLFieldDefinition f : c.getFieldDefinitions()) {
                    String out = outputTypeName(f.getType());
                    if (containers.containsKey(out) && report.dataFetcher(FieldCoordinates.coordinates(c, f)) == null) {
                        grew |= maps.add(out);
                    }
                }
            }
        }
        return maps;
    }

    private static String outputTypeName(GraphQLType type) {
        return ((GraphQLNamedType) GraphQLTypeUtil.unwrapAll(type)).getName();
    }

    /**
     * Whether each row the fetcher gives is a map, looking through what Spring for GraphQL looks through (a batch
     * mapping already describes itself by the value it gives per key, as a future).
     */
    static boolean rowsAreMaps(SelfDescribingDataFetcher<?> fetcher) {
        ResolvableType type = fetcher.getReturnType();
        while (true) {
            Class<?> c = type.toClass();
            if (Publisher.class.isAssignableFrom(c) || CompletionStage.class.isAssignableFrom(c) || Future.class.isAssignableFrom(c)
                    || Callable.class.isAssignableFrom(c) || Optional.class.isAssignableFrom(c) || DataFetcherResult.class.isAssignableFrom(c)
                    || Iterable.class.isAssignableFrom(c)) {
                type = type.getGeneric(0);
            } else if (type.isArray()) {
                type = type.getComponentType();
            } else {
                return Map.class.isAssignableFrom(c);
            }
        }
    }
}
