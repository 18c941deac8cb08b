package org.landatlas.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphQLError;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import org.junit.jupiter.api.Test;

/** Date and DateTime (graphql-java-extended-scalars on the graphql-java that Boot brings): names, formats, refusals. */
class ScalarsTest {

    private static final OffsetDateTime STORED = OffsetDateTime.of(2024, 5, 1, 9, 0, 0, 123_456_000, ZoneOffset.UTC);

    private final GraphQL graphQl = GraphQL.newGraphQL(new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse("""
            scalar Date
            scalar DateTime
            type Query { day(d: Date): Date, at(t: DateTime): DateTime, stored: DateTime, storedDay: Date }
            """), RuntimeWiring.newRuntimeWiring().scalar(GraphQlConfiguration.DATE).scalar(GraphQlConfiguration.DATE_TIME)
            .type("Query", t -> t.dataFetcher("day", e -> e.getArgument("d")).dataFetcher("at", e -> e.getArgument("t"))
                    .dataFetcher("stored", e -> STORED).dataFetcher("storedDay", e -> LocalDate.of(2024, 2, 29)))
            .build())).build();

    private ExecutionResult run(String query, Map<String, Object> variables) {
        return graphQl.execute(ExecutionInput.newExecutionInput(query).variables(variables).build());
    }

    private Map<String, Object> data(String query) {
        ExecutionResult r = run(query, Map.of());
        assertThat(r.getErrors()).as(query).isEmpty();
        return r.getData();
    }

    private String error(String query, Map<String, Object> variables) {
        List<GraphQLError> errors = run(query, variables).getErrors();
        assertThat(errors).as(query).hasSize(1);
        // Parse errors of scalars are validation errors, which the API answers as BAD_USER_INPUT.
        assertThat(errors.get(0).getErrorType().toString()).isEqualTo("ValidationError");
        return errors.get(0).getMessage();
    }

    @Test
    void namesAndDescriptionsStay() {
        assertThat(data("{ __type(name: \"Date\") { name description } }").get("__type"))
                .isEqualTo(Map.of("name", "Date", "description", "A calendar date, ISO 8601 (YYYY-MM-DD)."));
        assertThat(data("{ __type(name: \"DateTime\") { name description } }").get("__type"))
                .isEqualTo(Map.of("name", "DateTime", "description", "An instant, ISO 8601 with offset (e.g. 2024-05-01T09:00:00Z)."));
    }

    @Test
    void datesAndInstantsAreWrittenInRfc3339() {
        assertThat(data("{ storedDay day(d: \"2024-05-01\") }")).isEqualTo(Map.of("storedDay", "2024-02-29", "day", "2024-05-01"));
        // Seconds and milliseconds are always written; microseconds from PostgreSQL are cut to milliseconds.
        assertThat(data("{ stored }").get("stored")).isEqualTo("2024-05-01T09:00:00.123Z");
        assertThat(data("{ at(t: \"2024-05-01T17:00+08:00\") }").get("at")).isEqualTo("2024-05-01T17:00:00.000+08:00");
    }

    @Test
    void malformedOrImpossibleValuesAreRefusedNamingTheValue() {
        for (String bad : List.of("2024-02-30", "2023-02-29", "2024-13-01", "20240501", "2024-5-1")) {
            assertThat(error("{ day(d: \"" + bad + "\") }", Map.of())).as(bad).contains("'" + bad + "'");
            assertThat(error("query($d: Date) { day(d: $d) }", Map.of("d", bad))).as(bad).contains("'" + bad + "'");
        }
        assertThat(data("{ day(d: \"2024-02-29\") }").get("day")).isEqualTo("2024-02-29");
        for (String bad : List.of("2024-05-01T09:00:00", "2024-05-01", "yesterday")) {
            assertThat(error("{ at(t: \"" + bad + "\") }", Map.of())).as(bad).contains("'" + bad + "'");
            assertThat(error("query($t: DateTime) { at(t: $t) }", Map.of("t", bad))).as(bad).contains("'" + bad + "'");
        }
    }
}
