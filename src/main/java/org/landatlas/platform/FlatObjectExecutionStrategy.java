package org.landatlas.platform;

import graphql.execution.AsyncExecutionStrategy;
import graphql.execution.DataFetcherExceptionHandler;
import graphql.execution.ExecutionContext;
import graphql.execution.ExecutionStrategyParameters;
import graphql.schema.GraphQLObjectType;

/** graphql-java's async strategy that takes {@link RenderedConnection}s as already completed values. */
final class FlatObjectExecutionStrategy extends AsyncExecutionStrategy {

    FlatObjectExecutionStrategy(DataFetcherExceptionHandler handler) {
        super(handler);
    }

    @Override
    protected Object completeValueForObject(ExecutionContext context, ExecutionStrategyParameters parameters, GraphQLObjectType type, Object result) {
        if (result instanceof RenderedConnection rendered) {
            return rendered.raw();
        }
        return super.completeValueForObject(context, parameters, type, result);
    }
}
