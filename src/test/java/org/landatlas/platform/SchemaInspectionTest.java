package org.landatlas.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import org.junit.jupiter.api.Test;
import org.springframework.core.ResolvableType;
import org.springframework.graphql.execution.SchemaMappingInspector;
import org.springframework.graphql.execution.SchemaReport;
import org.springframework.graphql.execution.SelfDescribingDataFetcher;

/** The schema report keeps what nothing serves and drops what projections and map rows serve. */
class SchemaInspectionTest {

    private static final Projection THING = new Projection("InspectedThing", "thing", "t.id")
            .scalar("a", "t.a").geometry("shape", "t.geom").perRequest("distance");

    record Rec(String name) {
    }

    /** A data fetcher that says what it returns, as Spring's annotated controllers do. */
    private static DataFetcher<Object> returning(ResolvableType type) {
        return new SelfDescribingDataFetcher<>() {
            @Override
            public String getDescription() {
                return "returns " + type;
            }

            @Override
            public ResolvableType getReturnType() {
                return type;
            }

            @Override
            public Object get(DataFetchingEnvironment environment) {
                return null;
            }
        };
    }

    private static final ResolvableType MAP = ResolvableType.forClassWithGenerics(Map.class, String.class, Object.class);

    private static SchemaReport inspect() {
        Map<String, Map<String, DataFetcher>> fetchers = Map.of("Query", Map.of(
                "things", returning(ResolvableType.forClassWithGenerics(List.class, MAP)),
                "rows", returning(ResolvableType.forClassWithGenerics(List.class, MAP)),
                "later", returning(ResolvableType.forClassWithGenerics(CompletableFuture.class, MAP)),
                "record", returning(ResolvableType.forClass(Rec.class))));
        RuntimeWiring.Builder wiring = RuntimeWiring.newRuntimeWiring();
        fetchers.forEach((type, fields) -> wiring.type(type, t -> t.dataFetchers(fields)));
        GraphQLSchema schema = new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse("""
                type Query { things: [InspectedThing] rows: [Row] later: Later record: Rec orphan: String }
                type InspectedThing { a: String shape: String distance: Float b: String }
                type Row { x: String inner: Inner }
                type Inner { y: String }
                type Later { z: String }
                type Rec { name: String missing: String }
                """), wiring.build());
        return SchemaMappingInspector.initializer().inspect(schema, fetchers);
    }

    @Test
    void keepsOnlyWhatNothingServes() {
        SchemaReport report = inspect();
        // What Spring's inspection alone reports: every field of map rows too.
        assertThat(report.unmappedFields()).contains(FieldCoordinates.coordinates("Row", "x"), FieldCoordinates.coordinates("InspectedThing", "a"));

        SchemaInspection.Findings f = SchemaInspection.classify(report, Map.of("InspectedThing", THING)::get);
        assertThat(f.unserved()).containsExactlyInAnyOrder(
                FieldCoordinates.coordinates("InspectedThing", "b"),
                FieldCoordinates.coordinates("Rec", "missing"),
                FieldCoordinates.coordinates("Query", "orphan"));
        assertThat(f.clean()).isFalse();
        // a, shape (geometry) and distance (added per request) are the projection's.
        assertThat(f.servedByProjections()).isEqualTo(3);
        assertThat(f.mapRowTypes()).containsExactlyInAnyOrder("Row", "Later");
        // Maps nest maps: a field of a map row without a fetcher of its own gives map rows too.
        assertThat(SchemaInspection.mapRowTypes(report)).contains("Inner").doesNotContain("Rec");
    }

    @Test
    void withoutTheProjectionItsFieldsAreMapRowsNotGaps() {
        SchemaInspection.Findings f = SchemaInspection.classify(inspect(), name -> null);
        assertThat(f.unserved()).containsExactlyInAnyOrder(FieldCoordinates.coordinates("Rec", "missing"), FieldCoordinates.coordinates("Query", "orphan"));
        assertThat(f.mapRowTypes()).contains("InspectedThing");
    }
}
