package org.landatlas.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.landatlas.platform.DatabaseFaults;
import org.landatlas.platform.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Finds the viewer of each request: an API token ({@code Authorization: Bearer la_…}), else the signed-in
 * session, else the public. Anonymous requests are then rate limited per address (429 with Retry-After) and, when
 * they use the database, held to {@link AnonymousBulkhead}'s share of the pool (503 UNAVAILABLE when it stays full).
 * A bad token is a 401 at once: a client that sends credentials wants to know they failed. Bearer tokens that
 * are not ours are left to the OpenID Connect resource server when that mode is on.
 */
final class ViewerFilter extends OncePerRequestFilter {

    static final String SESSION_ACCOUNT = "landatlas.account";

    private final Accounts accounts;
    private final ApiTokens tokens;
    private final RateLimiter limiter;
    private final AnonymousBulkhead bulkhead;
    private final DatabaseFaults faults;
    private final boolean oidc;

    ViewerFilter(Accounts accounts, ApiTokens tokens, RateLimiter limiter, AnonymousBulkhead bulkhead, DatabaseFaults faults, boolean oidc) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.limiter = limiter;
        this.bulkhead = bulkhead;
        this.faults = faults;
        this.oidc = oidc;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws ServletException, IOException {
        String authorization = request.getHeader("Authorization");
        Viewer viewer = null;
        boolean jwt = false;
        if (authorization != null) {
            if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                unauthorized(request, response, "invalid_request", "only 'Authorization: Bearer <token>' is accepted");
                return;
            }
            String token = authorization.substring(7).strip();
            if (token.startsWith(ApiTokens.PREFIX) || !oidc) {
                // Guessing tokens costs a database lookup each: uncached lookups share a per-address budget.
                if (!tokens.cached(token)) {
                    long wait = limiter.acquire(request.getRemoteAddr(), "token-lookup");
                    if (wait > 0) {
                        tooMany(request, response, wait);
                        return;
                    }
                }
                Long account = tokens.accountOf(token);
                viewer = account == null ? null : accounts.viewer(account, "token");
                if (viewer == null) {
                    unauthorized(request, response, "invalid_token", "the API token is unknown, revoked or expired, or its account is disabled");
                    return;
                }
            } else {
                jwt = true;
            }
        } else {
            HttpSession session = request.getSession(false);
            if (session != null && session.getAttribute(SESSION_ACCOUNT) instanceof Long id) {
                viewer = accounts.viewer(id, "session");
                if (viewer == null) {
                    session.invalidate();
                }
            }
        }
        if (viewer != null) {
            SecurityContextHolder.getContext().setAuthentication(new ViewerAuthentication(viewer));
        } else if (!jwt) {
            long wait = limiter.acquire(request.getRemoteAddr(), RateLimiter.kindOf(request.getRequestURI()));
            if (wait > 0) {
                tooMany(request, response, wait);
                return;
            }
            if (AnonymousBulkhead.usesDatabase(request.getRequestURI())) {
                anonymous(request, response, chain);
                return;
            }
        }
        chain.doFilter(request, response);
    }

    /** An anonymous request inside the bulkhead: never more of them at once than the pool less the staff's reserve. */
    private void anonymous(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws ServletException, IOException {
        boolean entered;
        try {
            entered = bulkhead.enter();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            entered = false;
        }
        if (!entered) {
            response.setHeader("Retry-After", Integer.toString(faults.retryAfterSeconds()));
            Problems.write(request, response, Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "UNAVAILABLE", "the service is busy with "
                    + bulkhead.size() + " anonymous requests; retry in " + faults.retryAfterSeconds() + " s, or sign in"));
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            bulkhead.leave();
        }
    }

    private static void tooMany(HttpServletRequest request, HttpServletResponse response, long wait) throws IOException {
        response.setHeader("Retry-After", Long.toString(wait));
        Problems.write(request, response, Problems.of(HttpStatus.TOO_MANY_REQUESTS, "TOO_MANY_REQUESTS", "too many requests from "
                + request.getRemoteAddr() + "; retry after " + wait + " s, or sign in (limits apply to anonymous use)"));
    }

    private static void unauthorized(HttpServletRequest request, HttpServletResponse response, String error, String message) throws IOException {
        response.setHeader("WWW-Authenticate", "Bearer error=\"" + error + "\", error_description=\"" + message + "\"");
        Problems.write(request, response, Problems.of(HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED", message));
    }
}
