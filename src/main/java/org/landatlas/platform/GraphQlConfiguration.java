package org.landatlas.platform;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.ErrorClassification;
import graphql.ExecutionInput;
import graphql.GraphQLContext;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.CoercedVariables;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.scalars.ExtendedScalars;
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
 * BAD_USER_INPUT, NOT_FOUND, FORBIDDEN, TOO_COMPLEX, UNAVAILABLE or INTERNAL in {@code extensions.code}), depth and
 * complexity limits, and a cache of parsed and validated documents.
 */
@Configuration(proxyBeanMethods = false)
class GraphQlConfiguration {

    private static final Logger log = LoggerFactory.getLogger(GraphQlConfiguration.class);

    /** Deep enough for GraphiQL's introspection query (depth 13), far below what a hostile query needs. */
    public static final int MAX_DEPTH = 15;
    /** Fields counted with list fields weighted by their page size; a full page of 1,000 parcels with 20 fields is 21,000. */
    public static final int MAX_COMPLEXITY = 60_000;

    /**
     * RFC 3339 full-date (graphql-java-extended-scalars), with the description clients already know. The library
     * moves an impossible day to the month's last one (2024-02-30 becomes 2024-02-29); such input is refused instead.
     */
    public static final GraphQLScalarType DATE = ExtendedScalars.Date.transform(b -> b
            .description("A calendar date, ISO 8601 (YYYY-MM-DD).")
            .coercing(new CalendarDays(ExtendedScalars.Date.getCoercing())));

    /**
     * RFC 3339 date-time (graphql-java-extended-scalars): input needs an offset; output is always written with
     * seconds and milliseconds, e.g. 2024-05-01T09:00:00.000Z.
     */
    public static final GraphQLScalarType DATE_TIME = ExtendedScalars.DateTime.transform(b -> b
            .description("An instant, ISO 8601 with offset (e.g. 2024-05-01T09:00:00Z)."));

    /** The library's Date coercing, refusing strings that name no day of the calendar. */
    static final class CalendarDays implements Coercing<LocalDate, String> {

        private final Coercing<LocalDate, String> library;

        @SuppressWarnings("unchecked")
        CalendarDays(Coercing<?, ?> library) {
            this.library = (Coercing<LocalDate, String>) library;
        }

        @Override
        public String serialize(Object value, GraphQLContext context, Locale locale) {
            return library.serialize(value, context, locale);
        }

        @Override
        public LocalDate parseValue(Object input, GraphQLContext context, Locale locale) {
            LocalDate day = library.parseValue(input, context, locale);
            if (input instanceof String text && !day.toString().equals(text)) {
                throw new CoercingParseValueException(noSuchDay(text));
            }
            return day;
        }

        @Override
        public LocalDate parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
            LocalDate day = library.parseLiteral(input, variables, context, locale);
            if (input instanceof StringValue text && !day.toString().equals(text.getValue())) {
                throw new CoercingParseLiteralException(noSuchDay(text.getValue()));
            }
            return day;
        }

        @Override
        public Value<?> valueToLiteral(Object input, GraphQLContext context, Locale locale) {
            return library.valueToLiteral(input, context, locale);
        }

        private static String noSuchDay(String text) {
            return "Invalid RFC3339 full date value : '" + text + "'. because of : 'there is no such day'";
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

    /**
     * Depth and complexity limits, decided once per cached document (see {@link QueryLimits}). First of the
     * instrumentations: what comes after (the cost budget) may expand every fragment, which a fragment bomb makes
     * endless unless these limits have refused it.
     */
    @Bean
    @org.springframework.core.annotation.Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE)
    QueryLimits queryLimits() {
        return new QueryLimits(MAX_DEPTH, MAX_COMPLEXITY, (env, childComplexity) -> {
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
        }, MAX_CACHED_DOCUMENTS);
    }

    /** Documents kept parsed and validated; a viewport client sends a handful, so this holds every client's working set. */
    static final int MAX_CACHED_DOCUMENTS = 2_000;
    /** Longer documents are rare (generated queries) and not worth keeping. */
    static final int MAX_CACHED_DOCUMENT_CHARS = 20_000;

    /** Parsing and validating the same document again for every viewport request is wasted work: cache it. */
    @Bean
    GraphQlSourceBuilderCustomizer preparsedDocumentCache(DataFetcherExceptionResolverAdapter apiExceptionResolver) {
        PreparsedDocumentProvider provider = new CachedDocuments(MAX_CACHED_DOCUMENTS);
        // Flat objects (rows whose selected fields are all plain values) are completed in one step.
        FlatObjectExecutionStrategy strategy = new FlatObjectExecutionStrategy(
                org.springframework.graphql.execution.DataFetcherExceptionResolver.createExceptionHandler(List.of(apiExceptionResolver)));
        return builder -> builder.configureGraphQl(graphQl -> graphQl.preparsedDocumentProvider(provider).queryExecutionStrategy(strategy));
    }

    /**
     * Parsed and validated documents by query text, in a Caffeine cache that evicts the least useful when full.
     * Only valid documents below {@link #MAX_CACHED_DOCUMENT_CHARS} are kept: invalid ones are answered with
     * errors and would only crowd out the working set.
     */
    static final class CachedDocuments implements PreparsedDocumentProvider {

        private final Cache<String, PreparsedDocumentEntry> documents;

        CachedDocuments(int maximumSize) {
            this.documents = Caffeine.newBuilder().maximumSize(maximumSize).build();
        }

        @Override
        public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(ExecutionInput input,
                Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
            String query = input.getQuery();
            PreparsedDocumentEntry entry = documents.getIfPresent(query);
            if (entry == null) {
                // Not computed inside the cache: the result is stored only when it is worth keeping.
                entry = parseAndValidate.apply(input);
                if (!entry.hasErrors() && query.length() < MAX_CACHED_DOCUMENT_CHARS) {
                    documents.put(query, entry);
                }
            }
            return CompletableFuture.completedFuture(entry);
        }

        /** Pending evictions done, for tests that count what is kept. */
        long size() {
            documents.cleanUp();
            return documents.estimatedSize();
        }

        boolean contains(String query) {
            return documents.getIfPresent(query) != null;
        }
    }

    @Bean
    DataFetcherExceptionResolverAdapter apiExceptionResolver(DatabaseFaults faults) {
        return new DataFetcherExceptionResolverAdapter() {
            @Override
            protected GraphQLError resolveToSingleError(Throwable ex, DataFetchingEnvironment env) {
                if (DatabaseFaults.isConnectionFailure(ex)) {
                    // Down, restarting, or no free connection within the pool's timeout: the client may retry.
                    log.warn("database unavailable in {}: {}", env.getExecutionStepInfo().getPath(), DatabaseFaults.reason(ex));
                    return GraphqlErrorBuilder.newError(env).message(faults.message())
                            .extensions(Map.of("code", "UNAVAILABLE", "retryAfterSeconds", faults.retryAfterSeconds())).build();
                }
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
            // A deep or repeated introspection (graphql-java's GoodFaithIntrospection): the caller asked too much.
            case "ExecutionAborted", "BadFaithIntrospection" -> "TOO_COMPLEX";
            default -> "INTERNAL";
        };
    }

}
