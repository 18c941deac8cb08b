package org.landatlas.platform;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;

import graphql.ExecutionResult;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.language.OperationDefinition;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * GraphQL's half of {@link ReadRouting}: a query operation of a caller who wrote nothing recently reads from the
 * replica, a mutation runs on the primary and starts the caller's read-your-writes window. The operation's type is
 * known only once the (cached) document is parsed: the interceptor names the caller, the instrumentation sets the
 * decision on the executing thread before the first data fetcher runs (our fetchers are synchronous, on the request
 * thread; a filter clears the decision after every request). Nothing happens without a replica.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class ReadReplicaGraphQlRouting extends SimplePerformantInstrumentation implements WebGraphQlInterceptor {

    private static final String CALLER = ReadReplicaGraphQlRouting.class.getName() + ".caller";

    private final ReadRouting routing;

    ReadReplicaGraphQlRouting(ReadRouting routing) {
        this.routing = routing;
    }

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        if (!routing.enabled()) {
            return chain.next(request);
        }
        InetSocketAddress a = request.getRemoteAddress();
        String caller = ReadRouting.caller(a == null ? "unknown" : a.getAddress() == null ? a.getHostString() : a.getAddress().getHostAddress());
        request.configureExecutionInput((input, builder) -> builder.graphQLContext(c -> c.put(CALLER, caller)).build());
        return chain.next(request);
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
        var context = parameters.getExecutionContext();
        String caller = context.getGraphQLContext().get(CALLER);
        if (caller == null) {
            return SimpleInstrumentationContext.noOp();
        }
        if (context.getOperationDefinition().getOperation() == OperationDefinition.Operation.QUERY) {
            ReadRouting.ROUTE.set(routing.useReplicaFor(caller) ? ReadRouting.Target.REPLICA : ReadRouting.Target.PRIMARY);
            return SimpleInstrumentationContext.whenCompleted((result, error) -> ReadRouting.ROUTE.remove());
        }
        ReadRouting.ROUTE.set(ReadRouting.Target.PRIMARY);
        // Before (reads that start meanwhile) and after (the window counts from the commit).
        routing.wrote(caller);
        return SimpleInstrumentationContext.whenCompleted((result, error) -> {
            ReadRouting.ROUTE.remove();
            routing.wrote(caller);
        });
    }

    @Override
    public CompletableFuture<InstrumentationState> createStateAsync(graphql.execution.instrumentation.parameters.InstrumentationCreateStateParameters parameters) {
        return CompletableFuture.completedFuture(null);
    }
}
