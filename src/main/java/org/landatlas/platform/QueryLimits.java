package org.landatlas.platform;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.ExecutionResult;
import graphql.analysis.FieldComplexityCalculator;
import graphql.analysis.QueryComplexityCalculator;
import graphql.analysis.QueryTraverser;
import graphql.analysis.QueryVisitorFieldEnvironment;
import graphql.execution.AbortExecutionException;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.language.Argument;
import graphql.language.Directive;
import graphql.language.Document;
import graphql.language.Node;
import graphql.language.VariableReference;

/**
 * The depth and complexity limits of every operation (graphql-java's own traversal and complexity calculator,
 * with the same error messages as its MaxQueryDepth/MaxQueryComplexity instrumentations), decided once per
 * parsed document instead of on every request. graphql-java walks the whole operation for each limit on every
 * execution, 7 % of the service's CPU for a viewport page (bench/RESULTS.md, issue #9); documents come from the
 * parsed-document cache, so the same {@link Document} object returns with every request of the same text.
 * <p>
 * A verdict depends only on the document, the operation and the values of the variables that can change it:
 * those given to the arguments the complexity calculator reads ({@link #COUNTED_ARGUMENTS}) and to
 * {@code @skip}/{@code @include}. Those values are part of the key; all other variables (a viewport's bbox) are not.
 */
final class QueryLimits extends SimplePerformantInstrumentation {

    /** Arguments the field complexity calculator reads; a variable given to one of them is part of a verdict's key. */
    static final Set<String> COUNTED_ARGUMENTS = Set.of("first", "last");
    /** Verdicts kept per document (distinct page sizes or skip/include combinations); more are computed, not kept. */
    static final int MAX_VERDICTS_PER_DOCUMENT = 64;

    private final int maxDepth;
    private final int maxComplexity;
    private final FieldComplexityCalculator complexity;
    /** Per document (by identity; dropped with the document): the variables that matter and the verdicts so far. */
    private final Cache<Document, Verdicts> documents;

    QueryLimits(int maxDepth, int maxComplexity, FieldComplexityCalculator complexity, int maxDocuments) {
        this.maxDepth = maxDepth;
        this.maxComplexity = maxComplexity;
        this.complexity = complexity;
        this.documents = Caffeine.newBuilder().weakKeys().maximumSize(maxDocuments).build();
    }

    /** The variables that matter for a document, and its verdicts: empty when within the limits, else the error. */
    private record Verdicts(List<String> variables, Map<List<Object>, Optional<String>> byValues) {
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
        ExecutionContext context = parameters.getExecutionContext();
        Verdicts verdicts = documents.get(context.getDocument(), d -> new Verdicts(List.copyOf(variablesThatMatter(d)), new ConcurrentHashMap<>()));
        Map<String, Object> values = context.getCoercedVariables().toMap();
        List<Object> key = new ArrayList<>(verdicts.variables().size() + 1);
        key.add(Optional.ofNullable(context.getExecutionInput().getOperationName()));
        for (String v : verdicts.variables()) {
            key.add(Optional.ofNullable(values.get(v)));
        }
        Optional<String> verdict = verdicts.byValues().get(key);
        if (verdict == null) {
            verdict = decide(context);
            if (verdicts.byValues().size() < MAX_VERDICTS_PER_DOCUMENT) {
                verdicts.byValues().put(key, verdict);
            }
        }
        if (verdict.isPresent()) {
            throw new AbortExecutionException(verdict.get());
        }
        return SimpleInstrumentationContext.noOp();
    }

    /** What graphql-java's MaxQueryDepthInstrumentation and MaxQueryComplexityInstrumentation would say, in that order. */
    private Optional<String> decide(ExecutionContext context) {
        int depth = QueryTraverser.newQueryTraverser().schema(context.getGraphQLSchema()).document(context.getDocument())
                .operationName(context.getExecutionInput().getOperationName()).coercedVariables(context.getCoercedVariables()).build()
                .reducePreOrder((env, acc) -> Math.max(pathLength(env.getParentEnvironment()), acc), 0);
        if (depth > maxDepth) {
            return Optional.of("maximum query depth exceeded " + depth + " > " + maxDepth);
        }
        int total = QueryComplexityCalculator.newCalculator().fieldComplexityCalculator(complexity).schema(context.getGraphQLSchema())
                .document(context.getDocument()).operationName(context.getExecutionInput().getOperationName())
                .variables(context.getCoercedVariables()).build().calculate();
        if (total > maxComplexity) {
            return Optional.of("maximum query complexity exceeded " + total + " > " + maxComplexity);
        }
        return Optional.empty();
    }

    private static int pathLength(QueryVisitorFieldEnvironment path) {
        int length = 1;
        while (path != null) {
            path = path.getParentEnvironment();
            length++;
        }
        return length;
    }

    /** Variables given (anywhere inside the value) to a counted argument or to a @skip/@include directive. */
    static Set<String> variablesThatMatter(Document document) {
        Set<String> names = new TreeSet<>();
        collect(document, false, names);
        return names;
    }

    private static void collect(Node<?> node, boolean counted, Set<String> names) {
        if (node instanceof VariableReference v) {
            if (counted) {
                names.add(v.getName());
            }
            return;
        }
        boolean inside = counted
                || node instanceof Argument a && COUNTED_ARGUMENTS.contains(a.getName())
                || node instanceof Directive d && Arrays.asList("skip", "include").contains(d.getName());
        for (Node<?> child : node.getChildren()) {
            collect(child, inside, names);
        }
    }
}
