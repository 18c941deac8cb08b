package org.landatlas.platform;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import graphql.execution.ExecutionContext;
import graphql.normalized.ExecutableNormalizedField;
import graphql.normalized.ExecutableNormalizedOperation;
import graphql.schema.GraphQLAppliedDirective;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLCompositeType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;

/**
 * What an operation costs the database, in points, before it runs (requested) and after (actual, from the rows it
 * returned). The model is GitHub's and Shopify's, weighted by what our fields make PostgreSQL do:
 * <ul>
 * <li>a paged field ({@code first}/{@code last}: connections and paged lists) is one query plus one point per 100
 *     rows: {@code 1 + rows / 100}; the rows of its page are the parents of the fields inside its edges/nodes;</li>
 * <li>any other list of objects is one query per parent, with {@value #UNPAGED_LIST_ROWS} rows assumed for what
 *     is nested in it (lists of units, statistics rows);</li>
 * <li>a single object is one query at the root (a look-up by id) and free below it (columns of the same row or a
 *     batched load); scalars are free;</li>
 * <li>a field declared {@code @cost(weight: N)} in the schema (counts, aggregates, searches, exports) costs N per
 *     parent instead;</li>
 * <li>introspection is free (graphql-java's good-faith rules bound it).</li>
 * </ul>
 * Fragments and aliases are counted as executed: the operation is graphql-java's normalized form (fragments
 * expanded, {@code @skip}/{@code @include} applied, variables coerced), so a fragment spread three times costs three
 * times. Every field costs once per parent object: 500 aliases of one field cost 500 times one.
 */
public final class QueryCost {

    /** Rows assumed inside a list that has no page size. */
    static final int UNPAGED_LIST_ROWS = 10;
    /** The schema directive declaring a field's weight. */
    static final String DIRECTIVE = "cost";

    private QueryCost() {
    }

    /** The points an operation may cost: page sizes as asked (the default page where none is given). */
    public static double requested(ExecutionContext context) {
        ExecutableNormalizedOperation operation = context.getNormalizedQueryTree().get();
        return estimate(context.getGraphQLSchema(), operation.getTopLevelFields(), 1, null, true);
    }

    /** The points an operation did cost: the rows it returned instead of the page sizes asked. */
    public static double actual(ExecutionContext context, Object data) {
        if (!(data instanceof Map<?, ?> root)) {
            return 0;
        }
        ExecutableNormalizedOperation operation = context.getNormalizedQueryTree().get();
        return measure(context.getGraphQLSchema(), operation.getTopLevelFields(), List.of(root), true);
    }

    private static double estimate(GraphQLSchema schema, List<ExecutableNormalizedField> fields, double parents, Integer pageOfParent, boolean root) {
        double total = 0;
        for (ExecutableNormalizedField f : fields) {
            if (f.getName().startsWith("__")) {
                continue;
            }
            GraphQLFieldDefinition def = f.getFieldDefinitions(schema).get(0);
            Shape shape = Shape.of(def);
            Integer page = pageSize(f, def);
            double rows;
            double own;
            if (page != null) {
                own = 1 + page / 100.0;
                rows = shape.list ? page : 1;
            } else if (shape.list && shape.composite) {
                // edges/nodes of a connection: the connection paid for its rows.
                own = pageOfParent != null ? 0 : 1;
                rows = pageOfParent != null ? pageOfParent : UNPAGED_LIST_ROWS;
            } else {
                own = root && shape.composite ? 1 : 0;
                rows = 1;
            }
            if (shape.declared != null) {
                own = shape.declared;
            }
            total += parents * own;
            if (!f.getChildren().isEmpty()) {
                Integer childPage = page != null && !shape.list ? page : null;
                total += estimate(schema, f.getChildren(), parents * rows, childPage, false);
            }
        }
        return total;
    }

    private static double measure(GraphQLSchema schema, List<ExecutableNormalizedField> fields, List<?> parents, boolean root) {
        double total = 0;
        for (ExecutableNormalizedField f : fields) {
            if (f.getName().startsWith("__")) {
                continue;
            }
            GraphQLFieldDefinition def = f.getFieldDefinitions(schema).get(0);
            Shape shape = Shape.of(def);
            boolean paged = pageSize(f, def) != null;
            List<Object> children = new ArrayList<>();
            for (Object p : parents) {
                if (!(p instanceof Map<?, ?> m) || !m.containsKey(f.getResultKey())) {
                    continue;
                }
                Object v = m.get(f.getResultKey());
                int rows = 0;
                if (v instanceof RenderedConnection.Page page) {
                    // A page written as JSON text: its rows are known, what is inside costs as estimated for them.
                    total += shape.declared != null ? shape.declared : 1 + page.rows / 100.0;
                    total += estimate(schema, f.getChildren(), 1, page.rows, false);
                    continue;
                }
                if (v instanceof tools.jackson.databind.util.RawValue) {
                    total += estimate(schema, List.of(f), 1, null, root);
                    continue;
                }
                if (v instanceof Collection<?> list) {
                    rows = list.size();
                    flatten(list, children);
                } else if (v != null) {
                    children.add(v);
                    rows = paged ? rowsOfConnection(v) : 1;
                }
                double own;
                if (shape.declared != null) {
                    own = shape.declared;
                } else if (paged) {
                    own = 1 + rows / 100.0;
                } else if (shape.list && shape.composite) {
                    own = isConnectionRows(f) ? 0 : 1;
                } else {
                    own = root && shape.composite ? 1 : 0;
                }
                total += own;
            }
            if (!f.getChildren().isEmpty() && !children.isEmpty()) {
                total += measure(schema, f.getChildren(), children, false);
            }
        }
        return total;
    }

    /** edges/nodes directly inside a paged field. */
    private static boolean isConnectionRows(ExecutableNormalizedField f) {
        ExecutableNormalizedField parent = f.getParent();
        return parent != null && (parent.getResolvedArguments().containsKey("first") || parent.getResolvedArguments().containsKey("last"));
    }

    /** Rows of a connection's result: its edges or nodes, whichever was selected. */
    private static int rowsOfConnection(Object connection) {
        if (connection instanceof Map<?, ?> m) {
            for (String key : List.of("edges", "nodes")) {
                if (m.get(key) instanceof Collection<?> c) {
                    return c.size();
                }
            }
        }
        return 0;
    }

    private static void flatten(Collection<?> list, List<Object> into) {
        for (Object o : list) {
            if (o instanceof Collection<?> inner) {
                flatten(inner, into);
            } else if (o != null) {
                into.add(o);
            }
        }
    }

    /** The page a field asks for, or its default page when it takes first/last and was given neither; null when unpaged. */
    private static Integer pageSize(ExecutableNormalizedField f, GraphQLFieldDefinition def) {
        Map<String, Object> args = f.getResolvedArguments();
        Integer size = null;
        for (String name : List.of("first", "last")) {
            if (args.get(name) instanceof Integer n) {
                size = size == null ? n : Math.max(size, n);
            }
        }
        if (size != null) {
            return Math.max(0, Math.min(size, PageRequest.MAX_SIZE));
        }
        GraphQLArgument first = def.getArgument("first");
        if (first == null && def.getArgument("last") == null) {
            return null;
        }
        if (first != null && first.hasSetDefaultValue() && first.getArgumentDefaultValue().getValue() instanceof graphql.language.IntValue iv) {
            return iv.getValue().intValue();
        }
        return PageRequest.DEFAULT_SIZE;
    }

    /** Whether a field returns a list and/or objects, and the weight the schema declares for it. */
    private record Shape(boolean list, boolean composite, Integer declared) {
        static Shape of(GraphQLFieldDefinition def) {
            GraphQLType t = GraphQLTypeUtil.unwrapNonNull(def.getType());
            boolean list = t instanceof GraphQLList;
            boolean composite = GraphQLTypeUtil.unwrapAll(t) instanceof GraphQLCompositeType;
            return new Shape(list, composite, declaredWeight(def));
        }
    }

    static Integer declaredWeight(GraphQLFieldDefinition def) {
        GraphQLAppliedDirective applied = def.getAppliedDirective(DIRECTIVE);
        if (applied != null && applied.getArgument("weight") != null) {
            Object v = applied.getArgument("weight").getValue();
            return v instanceof Number n ? n.intValue() : null;
        }
        return null;
    }
}
