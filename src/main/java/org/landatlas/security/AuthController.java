package org.landatlas.security;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.landatlas.platform.ApiException;
import org.landatlas.platform.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Sign-in for people (the web map): {@code GET /auth/session} (who am I, and the CSRF token),
 * {@code POST /auth/login}, {@code POST /auth/logout}, and {@code POST /auth/setup} to create the first
 * administrator with the one-time token printed at first start. Integrations use API tokens instead.
 */
@RestController
class AuthController {

    /** A real Argon2 hash to compare against when the user name is unknown, so both cases take as long. */
    private final String dummyHash;

    private final Accounts accounts;
    private final LoginThrottle throttle;
    private final AuditLog audit;
    private final PasswordEncoder passwords;
    private final JdbcTemplate jdbc;

    AuthController(Accounts accounts, LoginThrottle throttle, AuditLog audit, PasswordEncoder passwords, JdbcTemplate jdbc) {
        this.accounts = accounts;
        this.throttle = throttle;
        this.audit = audit;
        this.passwords = passwords;
        this.jdbc = jdbc;
        byte[] b = new byte[16];
        new SecureRandom().nextBytes(b);
        this.dummyHash = passwords.encode(Base64.getEncoder().encodeToString(b));
    }

    record Login(String username, String password) {
    }

    record Setup(String token, String username, String displayName, String password) {
    }

    @GetMapping("/auth/session")
    Map<String, Object> session(HttpServletRequest request) {
        return describe(Viewer.current(), request);
    }

    private Map<String, Object> describe(Viewer v, HttpServletRequest request) {
        Map<String, Object> m = v.describe();
        Accounts.Account a = v.accountId() == null ? null : accounts.find(v.accountId());
        m.put("displayName", a == null ? null : a.displayName());
        m.put("setupRequired", !accounts.anyAdministrator());
        CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
        m.put("csrfToken", csrf == null ? null : csrf.getToken());
        m.put("csrfHeader", csrf == null ? null : csrf.getHeaderName());
        return m;
    }

    @PostMapping("/auth/login")
    ResponseEntity<?> login(@RequestBody Login body, HttpServletRequest request, HttpServletResponse response) {
        String username = body == null || body.username() == null ? "" : body.username().strip();
        String ip = request.getRemoteAddr();
        if (username.isEmpty() || body.password() == null || body.password().isEmpty()) {
            throw ApiException.badInput(username.isEmpty() ? "username" : "password", "is required");
        }
        long wait = throttle.retryAfterSeconds(username, ip);
        if (wait > 0) {
            audit.write(Viewer.PUBLIC, "login", "account", username, null, "denied", null, null, "throttled: too many failed sign-ins");
            response.setHeader("Retry-After", Long.toString(wait));
            return error(HttpStatus.TOO_MANY_REQUESTS, "TOO_MANY_REQUESTS",
                    "too many failed sign-ins for this user name or address; try again in " + wait + " s");
        }
        Accounts.Account a = accounts.findByUsername(username);
        String hash = a == null ? null : accounts.passwordHash(a.id());
        boolean ok = passwords.matches(body.password(), hash == null ? dummyHash : hash) && hash != null && a.enabled();
        if (!ok) {
            throttle.failed(username, ip);
            audit.write(Viewer.PUBLIC, "login", "account", username, null, "failed", null, null, "wrong user name or password");
            return error(HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED", "wrong user name or password");
        }
        throttle.succeeded(username);
        HttpSession old = request.getSession(false);
        if (old != null) {
            old.invalidate();
        }
        HttpSession session = request.getSession(true);
        session.setAttribute(ViewerFilter.SESSION_ACCOUNT, a.id());
        Viewer v = Accounts.toViewer(a, "session");
        accounts.touchLogin(a.id());
        audit.write(v, "login", "account", a.id(), null, "ok", null, null, null);
        return ResponseEntity.ok(describe(v, request));
    }

    @PostMapping("/auth/logout")
    Map<String, Object> logout(HttpServletRequest request) {
        Viewer v = Viewer.current();
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        if (!v.isPublic()) {
            audit.write(v, "logout", "account", v.accountId(), null, "ok", null, null, null);
        }
        return describe(Viewer.PUBLIC, request);
    }

    @PostMapping("/auth/setup")
    @Transactional
    ResponseEntity<?> setup(@RequestBody Setup body) {
        if (accounts.anyAdministrator()) {
            return error(HttpStatus.CONFLICT, "FORBIDDEN", "set-up is done: an administrator exists; sign in instead");
        }
        if (body == null || body.token() == null) {
            throw ApiException.badInput("token", "is required (it was printed in the service log at start)");
        }
        List<byte[]> stored = jdbc.queryForList("SELECT token_hash FROM security.setup_token FOR UPDATE", byte[].class);
        if (stored.isEmpty() || !java.security.MessageDigest.isEqual(stored.get(0), ApiTokens.hash(body.token().strip()))) {
            audit.write(Viewer.PUBLIC, "setup", "account", body.username(), null, "denied", null, null, "wrong set-up token");
            return error(HttpStatus.FORBIDDEN, "FORBIDDEN", "token: not the set-up token printed at start");
        }
        Accounts.Account a = accounts.create(body.username(), body.displayName(), "admin", true, List.of(), body.password());
        jdbc.update("DELETE FROM security.setup_token");
        audit.write(Viewer.PUBLIC, "setup", "account", a.id(), null, "ok", null, a.audited(), "first administrator created with the set-up token");
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("username", a.username(), "role", "ADMIN"));
    }

    /** Refusals are problem details, as every error outside GraphQL ({@link Problems}). */
    private static ResponseEntity<ProblemDetail> error(HttpStatus status, String code, String message) {
        return Problems.response(Problems.of(status, code, message));
    }
}
