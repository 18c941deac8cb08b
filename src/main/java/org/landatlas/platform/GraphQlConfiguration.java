package org.landatlas.platform;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import graphql.ErrorClassification;
import graphql.ExecutionInput;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLTypeUtil;
import graphql.schema.idl.FieldWiringEnvironment;
import graphql.schema.idl.WiringFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.graphql.execution.DataFetcherExceptionResolverAdapter;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;
import org.springframework.graphql.server.WebGraphQlInterceptor;

/**
 * GraphQL plumbing shared by every feature: scalars, the error model (every error carries one of the codes
 * BAD_USER_INPUT, NOT_FOUND, FORBIDDEN, TOO_COMPLEX or INTERNAL in {@code extensions.code}), depth and
 * complexity limits, and a cache of parsed and validated documents.
 */
@Configuration(proxyBeanMethods = false)
public class GraphQlConfiguration {

    private static final Logger log = LoggerFactory.getLogger(GraphQlConfiguration.class);

    /** Deep enough for GraphiQL's introspection query (depth 13), far below what a hostile query needs. */
    public static final int MAX_DEPTH = 15;
    /** Fields counted with list fields weighted by their page size; a full page of 1,000 parcels with 20 fields is 21,000. */
    public static final int MAX_COMPLEXITY = 60_000;

    public static final GraphQLScalarType DATE = GraphQLScalarType.newScalar().name("Date")
            .description("A calendar date, ISO 8601 (YYYY-MM-DD).")
            .coercing(new Coercing<Object, String>() {
                @Override
                public String serialize(Object v, graphql.GraphQLContext c, java.util.Locale l) {
                    return v.toString();
                }

                @Override
                public Object parseValue(Object input, graphql.GraphQLContext c, java.util.Locale l) {
                    try {
                        return LocalDate.parse(input.toString());
                    } catch (DateTimeParseException e) {
                        throw new CoercingParseValueException("'" + input + "' is not a date (YYYY-MM-DD)");
                    }
                }

                @Override
                public Object parseLiteral(graphql.language.Value<?> input, graphql.execution.CoercedVariables v, graphql.GraphQLContext c, java.util.Locale l) {
                    if (input instanceof graphql.language.StringValue s) {
                        try {
                            return LocalDate.parse(s.getValue());
                        } catch (DateTimeParseException e) {
                            throw new CoercingParseLiteralException("'" + s.getValue() + "' is not a date (YYYY-MM-DD)");
                        }
                    }
                    throw new CoercingParseLiteralException("a date must be a string YYYY-MM-DD");
                }
            }).build();

    public static final GraphQLScalarType DATE_TIME = GraphQLScalarType.newScalar().name("DateTime")
            .description("An instant, ISO 8601 with offset (e.g. 2024-05-01T09:00:00Z).")
            .coercing(new Coercing<Object, String>() {
                @Override
                public String serialize(Object v, graphql.GraphQLContext c, java.util.Locale l) {
                    return v.toString();
                }

                @Override
                public Object parseValue(Object input, graphql.GraphQLContext c, java.util.Locale l) {
                    return instant(input.toString(), CoercingParseValueException::new);
                }

                @Override
                public Object parseLiteral(graphql.language.Value<?> input, graphql.execution.CoercedVariables v, graphql.GraphQLContext c, java.util.Locale l) {
                    if (input instanceof graphql.language.StringValue s) {
                        return instant(s.getValue(), CoercingParseLiteralException::new);
                    }
                    throw new CoercingParseLiteralException("an instant must be a string such as 2024-05-01T09:00:00Z");
                }
            }).build();

    private static java.time.OffsetDateTime instant(String text, Function<String, RuntimeException> error) {
        try {
            return java.time.OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            throw error.apply("'" + text + "' is not an instant with offset (e.g. 2024-05-01T09:00:00Z)");
        }
    }

    @Bean
    RuntimeWiringConfigurer scalarsAndGeometryFields() {
        return new RuntimeWiringConfigurer() {
            @Override
            public void configure(graphql.schema.idl.RuntimeWiring.Builder builder) {
                builder.scalar(GeoJson.SCALAR).scalar(DATE).scalar(DATE_TIME);
            }

            @Override
            public void configure(graphql.schema.idl.RuntimeWiring.Builder builder, List<WiringFactory> container) {
                container.add(new GeometryFieldWiring());
            }
        };
    }

    /**
     * Geometry fields are computed in SQL per alias ({@link Projection}); this reads the value for the alias being
     * resolved, so {@code a: geometry(simplify: 50) b: geometry} return different shapes.
     */
    static final class GeometryFieldWiring implements WiringFactory {
        @Override
        public boolean providesDataFetcher(FieldWiringEnvironment env) {
            // At wiring time types may still be references: read the name from the SDL definition.
            return "GeoJSON".equals(graphql.schema.idl.TypeUtil.unwrapAll(env.getFieldDefinition().getType()).getName());
        }

        @Override
        public DataFetcher<?> getDataFetcher(FieldWiringEnvironment env) {
            String name = env.getFieldDefinition().getName();
            return (DataFetchingEnvironment e) -> {
                Object source = e.getSource();
                if (!(source instanceof Map<?, ?> m)) {
                    return null;
                }
                String key = name + "@" + e.getField().getResultKey();
                if (m.containsKey(key)) {
                    return m.get(key);
                }
                if (m.get(GeometryLoader.PROJECTION) instanceof String projection) {
                    return e.<GeometryLoader.Key, GeoJson.Text>getDataLoader(GeometryLoader.NAME)
                            .load(new GeometryLoader.Key(projection, m.get(GeometryLoader.ROW_ID), name, e.getArguments()));
                }
                return m.get(name);
            };
        }
    }

    @Bean
    MaxQueryDepthInstrumentation maxQueryDepth() {
        return new MaxQueryDepthInstrumentation(MAX_DEPTH);
    }

    @Bean
    MaxQueryComplexityInstrumentation maxQueryComplexity() {
        return new MaxQueryComplexityInstrumentation(MAX_COMPLEXITY, (env, childComplexity) -> {
            Object first = env.getArguments().get("first");
            Object last = env.getArguments().get("last");
            Object n = first != null ? first : last;
            if (n instanceof Number num && GraphQLTypeUtil.unwrapAll(env.getFieldDefinition().getType()).getName().endsWith("Connection")) {
                return 1 + childComplexity * Math.max(1, Math.min(num.intValue(), PageRequest.MAX_SIZE));
            }
            if (GraphQLTypeUtil.unwrapAll(env.getFieldDefinition().getType()).getName().endsWith("Connection")) {
                return 1 + childComplexity * PageRequest.DEFAULT_SIZE;
            }
            return 1 + childComplexity;
        });
    }

    /** Parsing and validating the same document again for every viewport request is wasted work: cache it. */
    @Bean
    GraphQlSourceBuilderCustomizer preparsedDocumentCache(DataFetcherExceptionResolverAdapter apiExceptionResolver) {
        Map<String, PreparsedDocumentEntry> cache = new ConcurrentHashMap<>();
        PreparsedDocumentProvider provider = new PreparsedDocumentProvider() {
            @Override
            public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(ExecutionInput input,
                    Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
                String key = input.getQuery();
                PreparsedDocumentEntry entry = cache.get(key);
                if (entry == null) {
                    entry = parseAndValidate.apply(input);
                    // Only valid documents are worth keeping, and only a bounded number of them.
                    if (!entry.hasErrors() && cache.size() < 2000 && key.length() < 20_000) {
                        cache.put(key, entry);
                    }
                }
                return CompletableFuture.completedFuture(entry);
            }
        };
        // Flat objects (rows whose selected fields are all plain values) are completed in one step.
        FlatObjectExecutionStrategy strategy = new FlatObjectExecutionStrategy(
                org.springframework.graphql.execution.DataFetcherExceptionResolver.createExceptionHandler(List.of(apiExceptionResolver)));
        return builder -> builder.configureGraphQl(graphQl -> graphQl.preparsedDocumentProvider(provider).queryExecutionStrategy(strategy));
    }

    @Bean
    DataFetcherExceptionResolverAdapter apiExceptionResolver() {
        return new DataFetcherExceptionResolverAdapter() {
            @Override
            protected GraphQLError resolveToSingleError(Throwable ex, DataFetchingEnvironment env) {
                ApiException api = ArgumentErrors.refusal(ex, env.getArguments());
                if (api != null) {
                    Map<String, Object> ext = new LinkedHashMap<>();
                    ext.put("code", api.code().name());
                    if (api.argument() != null) {
                        ext.put("argument", api.argument());
                    }
                    return GraphqlErrorBuilder.newError(env).message(api.getMessage()).extensions(ext).build();
                }
                if (ex instanceof QueryTimeoutException || (ex.getCause() != null && String.valueOf(ex.getMessage()).contains("statement timeout"))) {
                    return GraphqlErrorBuilder.newError(env).message("the query took too long and was cancelled; narrow the filter")
                            .extensions(Map.of("code", "TOO_COMPLEX")).build();
                }
                log.error("Unexpected error in {}", env.getExecutionStepInfo().getPath(), ex);
                return GraphqlErrorBuilder.newError(env).message("internal error; it has been logged")
                        .extensions(Map.of("code", "INTERNAL")).build();
            }
        };
    }

    /** Gives errors raised outside data fetchers (syntax, validation, limits) a code too. */
    @Bean
    WebGraphQlInterceptor errorCodeInterceptor() {
        return (request, chain) -> chain.next(request).map(response -> {
            if (response.getErrors().isEmpty()) {
                return response;
            }
            List<GraphQLError> errors = new ArrayList<>();
            for (var e : response.getErrors()) {
                Map<String, Object> ext = e.getExtensions() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(e.getExtensions());
                if (!ext.containsKey("code")) {
                    ext.put("code", codeFor(e.getErrorType(), e.getMessage()));
                }
                errors.add(GraphqlErrorBuilder.newError().message(e.getMessage()).locations(e.getLocations())
                        .path(e.getParsedPath()).errorType(e.getErrorType()).extensions(ext).build());
            }
            return response.transform(b -> b.errors(errors));
        });
    }

    private static String codeFor(ErrorClassification type, String message) {
        String t = type == null ? "" : type.toString();
        if (message != null && (message.contains("maximum query depth") || message.contains("maximum query complexity"))) {
            return "TOO_COMPLEX";
        }
        return switch (t) {
            case "ValidationError", "InvalidSyntax", "BAD_REQUEST", "OperationNotSupported" -> "BAD_USER_INPUT";
            case "NOT_FOUND" -> "NOT_FOUND";
            case "FORBIDDEN", "UNAUTHORIZED" -> "FORBIDDEN";
            case "ExecutionAborted" -> "TOO_COMPLEX";
            default -> "INTERNAL";
        };
    }

}
