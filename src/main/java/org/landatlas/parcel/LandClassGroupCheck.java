package org.landatlas.parcel;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLEnumValueDefinition;
import graphql.schema.GraphQLSchema;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Start-up check that the GraphQL enum {@code LandClassGroup} and the groups of the {@code land_class} rows are the
 * groups of {@link LandClassGroups}. At start-up rather than in a test alone, because the database is the deployed
 * one: a migration that adds or renames a group fails the start instead of drawing grey parcels and filtering by a
 * group no client can name. It costs one query of a 100-row table.
 */
@Component
class LandClassGroupCheck {

    static final String ENUM = "LandClassGroup";

    LandClassGroupCheck(GraphQlSource graphQlSource, JdbcTemplate jdbc) {
        List<String> codes = LandClassGroups.codes();
        requireEnumMatches(enumValues(graphQlSource.schema()), codes);
        requireDatabaseMatches(databaseGroups(jdbc), codes);
    }

    static List<String> enumValues(GraphQLSchema schema) {
        if (!(schema.getType(ENUM) instanceof GraphQLEnumType e)) {
            throw new IllegalStateException("the GraphQL schema has no enum " + ENUM + " (graphql-schema/parcel.graphqls declares it)");
        }
        return e.getValues().stream().map(GraphQLEnumValueDefinition::getName).toList();
    }

    static Set<String> databaseGroups(JdbcTemplate jdbc) {
        return new TreeSet<>(jdbc.queryForList("SELECT DISTINCT class_group FROM land_class", String.class));
    }

    /** The enum has one value per group, upper case, in the list's order (introspection shows that order). */
    static void requireEnumMatches(List<String> enumValues, List<String> codes) {
        List<String> expected = codes.stream().map(c -> c.toUpperCase(Locale.ROOT)).toList();
        if (!enumValues.equals(expected)) {
            throw new IllegalStateException("GraphQL enum " + ENUM + " " + enumValues + " is not the list of " + LandClassGroups.RESOURCE
                    + " " + expected + " (same values, same order)");
        }
    }

    /** Every group has land classes and no land class is in a group outside the list. */
    static void requireDatabaseMatches(Set<String> databaseGroups, List<String> codes) {
        Set<String> unknown = new TreeSet<>(databaseGroups);
        codes.forEach(unknown::remove);
        Set<String> empty = new TreeSet<>(codes);
        empty.removeAll(databaseGroups);
        if (!unknown.isEmpty() || !empty.isEmpty()) {
            StringBuilder m = new StringBuilder("land_class.class_group and " + LandClassGroups.RESOURCE + " disagree.");
            if (!unknown.isEmpty()) {
                m.append(" Groups of land classes that the list lacks: ").append(unknown).append('.');
            }
            if (!empty.isEmpty()) {
                m.append(" Listed groups without a land class: ").append(empty).append('.');
            }
            throw new IllegalStateException(m.toString());
        }
    }
}
