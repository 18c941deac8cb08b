package org.landatlas.security;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import graphql.ExecutionResult;
import graphql.ExecutionResultImpl;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.AbortExecutionException;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationCreateStateParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import org.landatlas.platform.QueryCost;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * A budget of database work per caller, in the points of {@link QueryCost}, as GitHub's and Shopify's GraphQL APIs
 * keep one: a Bucket4j bucket ({@link BucketStore}) per client address for the public and per account for those
 * signed in, holding at most {@code maximum} points and refilling {@code per-second} points every second.
 * <p>
 * An operation's requested cost is computed from its normalized form before it runs and taken from the bucket; an
 * operation that costs more than the bucket holds now is refused before it reaches the database (TOO_COMPLEX, with
 * the seconds to wait in {@code extensions.retryAfterSeconds} and a Retry-After header), one that costs more than
 * the bucket can ever hold is refused outright. After it ran, what it did not use (pages shorter than asked) is given
 * back. Every response carries {@code extensions.cost}: requested and actual cost and the bucket's state.
 * A rate of 0 turns a budget off (the cost is still reported).
 */
@Component
// After the depth and complexity limits (platform's QueryLimits): the normalized form expands every fragment.
@Order(Ordered.LOWEST_PRECEDENCE)
class QueryCostBudget extends SimplePerformantInstrumentation implements WebGraphQlInterceptor {

    /** The GraphQL context entry naming the caller's bucket, put there for each HTTP request. */
    static final String CALLER = QueryCostBudget.class.getName() + ".caller";

    record Budget(long maximum, long perSecond) {
        boolean off() {
            return perSecond <= 0 || maximum <= 0;
        }

        BucketConfiguration bucket() {
            return BucketConfiguration.builder().addLimit(l -> l.capacity(maximum).refillGreedy(perSecond, Duration.ofSeconds(1))).build();
        }
    }

    private record Caller(String key, Budget budget) {
    }

    /** What one execution requested and from which bucket, for its result. */
    private static final class Charge implements InstrumentationState {
        ExecutionContext context;
        long requested;
        Caller caller;
        BucketProxy bucket;
    }

    private final ProxyManager<String> buckets;
    private volatile Budget anonymous;
    private volatile Budget signedIn;

    private final MeterRegistry meters;

    QueryCostBudget(ProxyManager<String> buckets, ObjectProvider<MeterRegistry> meters,
                    @Value("${landatlas.limits.cost.anonymous-maximum:1000}") long anonymousMaximum,
                    @Value("${landatlas.limits.cost.anonymous-per-second:50}") long anonymousPerSecond,
                    @Value("${landatlas.limits.cost.signed-in-maximum:10000}") long signedInMaximum,
                    @Value("${landatlas.limits.cost.signed-in-per-second:500}") long signedInPerSecond) {
        this.buckets = buckets;
        this.meters = meters.getIfAvailable();
        this.anonymous = new Budget(anonymousMaximum, anonymousPerSecond);
        this.signedIn = new Budget(signedInMaximum, signedInPerSecond);
    }

    /** Replaces both budgets (tests); buckets made under the old ones are dropped, so every caller starts full. */
    synchronized void set(Budget anonymous, Budget signedIn) {
        this.anonymous = anonymous;
        this.signedIn = signedIn;
        generation++;
    }

    /** Part of every bucket's key: a new budget is a new bucket. */
    private volatile long generation;

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        Viewer viewer = Viewer.current();
        Caller caller;
        if (viewer.isPublic()) {
            InetSocketAddress address = request.getRemoteAddress();
            String host = address == null ? "unknown" : address.getAddress() == null ? address.getHostString() : address.getAddress().getHostAddress();
            caller = new Caller("cost:" + generation + ":public:" + host, anonymous);
        } else {
            caller = new Caller("cost:" + generation + ":account:" + (viewer.accountId() != null ? viewer.accountId() : viewer.username()), signedIn);
        }
        request.configureExecutionInput((input, builder) -> builder.graphQLContext(c -> c.put(CALLER, caller)).build());
        return chain.next(request).map(response -> {
            Object wait = retryAfter(response);
            if (wait != null) {
                response.getResponseHeaders().set("Retry-After", wait.toString());
            }
            return response;
        });
    }

    private static Object retryAfter(WebGraphQlResponse response) {
        for (var e : response.getErrors()) {
            if (e.getExtensions() != null && e.getExtensions().get("retryAfterSeconds") != null) {
                return e.getExtensions().get("retryAfterSeconds");
            }
        }
        return null;
    }

    @Override
    public CompletableFuture<InstrumentationState> createStateAsync(InstrumentationCreateStateParameters parameters) {
        return CompletableFuture.completedFuture(new Charge());
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
        ExecutionContext context = parameters.getExecutionContext();
        Charge charge = (Charge) state;
        charge.context = context;
        charge.requested = (long) Math.ceil(QueryCost.requested(context));
        Caller caller = context.getGraphQLContext().get(CALLER);
        if (caller == null || caller.budget().off()) {
            return SimpleInstrumentationContext.noOp();
        }
        charge.caller = caller;
        Budget budget = caller.budget();
        if (charge.requested > budget.maximum()) {
            throw refusal(charge, budget.maximum(), String.format("this operation would cost %,d points, more than the %,d a single request may cost%s; ask for "
                    + "smaller pages, fewer aliases or fewer totals and statistics", charge.requested, budget.maximum(),
                    caller.key().contains(":public:") ? " without signing in" : ""), null);
        }
        BucketProxy bucket = buckets.builder().build(caller.key(), budget::bucket);
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(charge.requested);
        if (!probe.isConsumed()) {
            long seconds = RateLimiter.seconds(probe.getNanosToWaitForRefill());
            throw refusal(charge, probe.getRemainingTokens(), String.format("this operation would cost %,d points and %,d are left of this caller's budget, "
                    + "which refills at %,d points per second: retry in %d s", charge.requested, probe.getRemainingTokens(), budget.perSecond(), seconds), seconds);
        }
        charge.bucket = bucket;
        return SimpleInstrumentationContext.noOp();
    }

    @Override
    public CompletableFuture<ExecutionResult> instrumentExecutionResult(ExecutionResult result, InstrumentationExecutionParameters parameters,
                                                                        InstrumentationState state) {
        Charge charge = (Charge) state;
        if (charge == null || charge.context == null) {
            return CompletableFuture.completedFuture(result);
        }
        long actual = (long) Math.ceil(QueryCost.actual(charge.context, result.getData()));
        Long available = null;
        if (charge.bucket != null) {
            if (actual < charge.requested) {
                charge.bucket.addTokens(charge.requested - actual);
            }
            available = charge.bucket.getAvailableTokens();
        }
        Map<Object, Object> extensions = new LinkedHashMap<>(result.getExtensions() == null ? Map.of() : result.getExtensions());
        extensions.put("cost", cost(charge, actual, available));
        return CompletableFuture.completedFuture(ExecutionResultImpl.newExecutionResult().from(result).extensions(extensions).build());
    }

    /** extensions.cost, as Shopify reports it. */
    private static Map<String, Object> cost(Charge charge, long actual, Long available) {
        Map<String, Object> cost = new LinkedHashMap<>();
        cost.put("requestedQueryCost", charge.requested);
        cost.put("actualQueryCost", actual);
        if (charge.caller != null) {
            Map<String, Object> throttle = new LinkedHashMap<>();
            throttle.put("maximumAvailable", charge.caller.budget().maximum());
            throttle.put("currentlyAvailable", available);
            throttle.put("restoreRate", charge.caller.budget().perSecond());
            cost.put("throttleStatus", throttle);
        }
        return cost;
    }

    private AbortExecutionException refusal(Charge charge, long available, String message, Long retryAfterSeconds) {
        RateLimiter.refused(meters, "cost");
        Map<String, Object> cost = cost(charge, 0, available);
        Map<String, Object> ext = new LinkedHashMap<>();
        ext.put("code", "TOO_COMPLEX");
        ext.put("cost", cost);
        if (retryAfterSeconds != null) {
            ext.put("retryAfterSeconds", retryAfterSeconds);
        }
        GraphQLError error = GraphqlErrorBuilder.newError().message(message).extensions(ext).build();
        return new AbortExecutionException(List.of(error)) {
            @Override
            public ExecutionResult toExecutionResult() {
                return ExecutionResultImpl.newExecutionResult().addError(error).addExtension("cost", cost).build();
            }
        };
    }
}
