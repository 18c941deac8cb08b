package org.landatlas.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.analysis.FieldComplexityCalculator;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import graphql.parser.Parser;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLTypeUtil;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import org.junit.jupiter.api.Test;

/** Cached depth and complexity verdicts say exactly what graphql-java's own limit instrumentations say. */
class QueryLimitsTest {

    private static final String SDL = """
            type Query { items(first: Int, last: Int, name: String): ItemConnection  item: Item }
            type ItemConnection { edges: [Edge]  totalCount: Int }
            type Edge { node: Item }
            type Item { id: ID  name: String  child: Item  items(first: Int): ItemConnection }
            """;
    private static final GraphQLSchema SCHEMA = new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(SDL),
            RuntimeWiring.newRuntimeWiring().build());
    private static final int MAX_DEPTH = 6;
    private static final int MAX_COMPLEXITY = 500;
    /** The service's rule: connections weigh their page size. */
    private static final FieldComplexityCalculator COMPLEXITY = (env, child) -> {
        Object n = env.getArguments().get("first") != null ? env.getArguments().get("first") : env.getArguments().get("last");
        boolean connection = GraphQLTypeUtil.unwrapAll(env.getFieldDefinition().getType()).getName().endsWith("Connection");
        return connection ? 1 + child * (n instanceof Number num ? num.intValue() : 10) : 1 + child;
    };

    private static GraphQL graphQl(Instrumentation limits) {
        Map<String, PreparsedDocumentEntry> documents = new ConcurrentHashMap<>();
        PreparsedDocumentProvider cache = (input, parse) -> CompletableFuture.completedFuture(documents.computeIfAbsent(input.getQuery(), q -> parse.apply(input)));
        return GraphQL.newGraphQL(SCHEMA).instrumentation(limits).preparsedDocumentProvider(cache).build();
    }

    private final GraphQL cached = graphQl(new QueryLimits(MAX_DEPTH, MAX_COMPLEXITY, COMPLEXITY, 100));
    private final GraphQL reference = graphQl(new ChainedInstrumentation(List.of(new MaxQueryDepthInstrumentation(MAX_DEPTH),
            new MaxQueryComplexityInstrumentation(MAX_COMPLEXITY, COMPLEXITY))));

    private static String errors(GraphQL g, String query, Map<String, Object> variables) {
        ExecutionResult r = g.execute(ExecutionInput.newExecutionInput(query).variables(variables).build());
        return r.getErrors().stream().map(e -> e.getMessage()).toList().toString();
    }

    private void same(String query, Map<String, Object> variables) {
        String expected = errors(reference, query, variables);
        // Twice: once computed, once from the cache.
        assertEquals(expected, errors(cached, query, variables), query + " " + variables);
        assertEquals(expected, errors(cached, query, variables), query + " " + variables + " (cached)");
    }

    @Test
    void refusesWhatGraphqlJavaRefusesWithTheSameMessages() {
        String deep = "{ item { child { child { child { child { child { child { id } } } } } } } }";
        assertTrue(errors(cached, deep, Map.of()).contains("maximum query depth exceeded 8 > 6"), errors(cached, deep, Map.of()));
        same(deep, Map.of());
        same("{ item { child { child { id } } } }", Map.of());
        same("{ items(first: 200) { edges { node { id name } } } }", Map.of());
        assertTrue(errors(cached, "{ items(first: 200) { edges { node { id name } } } }", Map.of()).contains("maximum query complexity exceeded"));
        same("{ items(first: 5) { edges { node { id name items(first: 3) { totalCount } } } } }", Map.of());
        same("fragment F on Item { id child { child { child { child { child { id } } } } } } { item { ...F } }", Map.of());
    }

    @Test
    void aVerdictFollowsThePageSizeVariableButNotOtherVariables() {
        String q = "query($n: Int, $name: String) { items(first: $n, name: $name) { edges { node { id name } } } }";
        same(q, Map.of("n", 5, "name", "a"));
        same(q, Map.of("n", 200, "name", "a"));
        same(q, Map.of("n", 5, "name", "b"));
        same(q, Map.of("n", 200, "name", "b"));
        assertTrue(errors(cached, q, Map.of("n", 200)).contains("complexity"));
        assertEquals("[]", errors(cached, q, Map.of("n", 5)));
    }

    @Test
    void aVerdictFollowsSkipAndIncludeVariables() {
        String q = "query($deep: Boolean!) { item { id child @include(if: $deep) { child { child { child { child { child { id } } } } } } } }";
        same(q, Map.of("deep", true));
        same(q, Map.of("deep", false));
        assertTrue(errors(cached, q, Map.of("deep", true)).contains("depth"));
        assertEquals("[]", errors(cached, q, Map.of("deep", false)));
    }

    @Test
    void onlyCountedArgumentsAndSkipIncludeVariablesMatter() {
        var document = Parser.parse("query($n: Int, $name: String, $b: Boolean!, $list: [Int]) { items(first: $n, name: $name) @skip(if: $b) { totalCount }"
                + " item { items(first: $n) { totalCount } } }");
        assertEquals(Set.of("n", "b"), QueryLimits.variablesThatMatter(document));
    }
}
