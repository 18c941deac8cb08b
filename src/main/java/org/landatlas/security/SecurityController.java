package org.landatlas.security;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.landatlas.platform.RecordArgument;
import org.landatlas.platform.ApiException;
import org.landatlas.platform.Connections;
import org.landatlas.platform.Ids;
import org.landatlas.platform.PageConnection;
import org.landatlas.platform.PageRequest;
import org.landatlas.platform.SqlRows;
import org.landatlas.platform.SqlWhere;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;

/** GraphQL: the viewer, accounts, API tokens and the audit log. */
@Controller
class SecurityController {

    private final Accounts accounts;
    private final ApiTokens tokens;
    private final AuditLog audit;
    private final NamedParameterJdbcTemplate jdbc;
    private final PasswordEncoder passwords;

    private final RateLimiter limiter;

    SecurityController(Accounts accounts, ApiTokens tokens, AuditLog audit, NamedParameterJdbcTemplate jdbc, PasswordEncoder passwords,
                       RateLimiter limiter) {
        this.limiter = limiter;
        this.accounts = accounts;
        this.tokens = tokens;
        this.audit = audit;
        this.jdbc = jdbc;
        this.passwords = passwords;
    }

    @QueryMapping
    Map<String, Object> me() {
        return Viewer.current().describe();
    }

    @QueryMapping
    List<Map<String, Object>> accounts() {
        Access.requireAdmin("accounts");
        return accounts.all().stream().map(SecurityController::account).toList();
    }

    @QueryMapping
    List<Map<String, Object>> apiTokens(@Argument String accountId) {
        Access.requireAdmin("apiTokens");
        return tokens.list(accountId == null ? null : Ids.parse("accountId", accountId)).stream().map(SecurityController::token).toList();
    }

    @QueryMapping
    PageConnection auditLog(@RecordArgument AuditFilter filter, @Argument Integer first, @Argument String after) {
        Access.requireAdmin("auditLog");
        PageRequest page = PageRequest.of(first, after, null, null);
        SqlWhere w = new SqlWhere();
        if (filter != null) {
            filter.apply(w);
        }
        int total = jdbc.queryForObject("SELECT count(*) FROM security.audit_log WHERE " + w.sql(), w.params(), Integer.class);
        List<Map<String, Object>> rows = jdbc.query("""
                SELECT l.id::text AS "id", at AS "at", actor AS "actor", actor_kind AS "actorKind", source_ip AS "sourceIp", user_agent AS "userAgent",
                       action AS "action", target_type AS "targetType", target_id AS "targetId", county_code AS "countyCode", outcome AS "outcome",
                       before::text AS "before", after::text AS "after", detail AS "detail"
                FROM security.audit_log l WHERE\s""" + w.sql() + " ORDER BY l.id DESC LIMIT " + (page.limit() + 1) + " OFFSET " + page.offset(),
                w.params(), SqlRows.ROWS);
        boolean more = rows.size() > page.limit();
        PageConnection c = Connections.of(more ? rows.subList(0, page.limit()) : rows, page, more);
        c.put("totalCount", total);
        return c;
    }

    @MutationMapping
    @Transactional
    boolean changeMyPassword(@Argument String oldPassword, @Argument String newPassword) {
        Viewer v = Access.requireStaff("changeMyPassword");
        Accounts.Account a = accounts.find(v.accountId());
        String hash = accounts.passwordHash(a.id());
        if (hash == null || !passwords.matches(oldPassword, hash)) {
            throw ApiException.badInput("oldPassword", "is not the current password");
        }
        accounts.setPassword(a.id(), a.username(), newPassword);
        audit.record("changeMyPassword", "account", a.id(), null, null, Map.of("password", "changed"));
        return true;
    }

    @MutationMapping
    @Transactional
    Map<String, Object> createAccount(@RecordArgument AccountInputs.NewAccount input) {
        Access.requireAdmin("createAccount");
        Accounts.Account a = accounts.create(input.username(), input.displayName(), AccountInputs.role(input.role()),
                Boolean.TRUE.equals(input.personalData()), input.counties(), input.password());
        audit.record("createAccount", "account", a.id(), null, null, a.audited());
        return account(a);
    }

    @MutationMapping
    @Transactional
    Map<String, Object> updateAccount(@Argument String id, @RecordArgument AccountInputs.AccountChanges input) {
        Viewer admin = Access.requireAdmin("updateAccount");
        long accountId = Ids.parse("id", id);
        Accounts.Account before = accounts.find(accountId);
        if (before == null) {
            throw ApiException.notFound("id", "no account " + id);
        }
        if (accountId == admin.accountId() && (Boolean.FALSE.equals(input.enabled()) || "STAFF".equals(input.role()))) {
            throw ApiException.badInput("input", "administrators cannot disable or demote their own account");
        }
        Accounts.Account after = accounts.update(accountId, input.displayName(), input.role() == null ? null : AccountInputs.role(input.role()),
                input.personalData(), input.enabled(), input.counties(), input.expectedVersion());
        audit.record("updateAccount", "account", accountId, null, before.audited(), after.audited());
        return account(after);
    }

    @MutationMapping
    @Transactional
    Map<String, Object> resetPassword(@Argument String id, @Argument String newPassword) {
        Access.requireAdmin("resetPassword");
        Accounts.Account a = accounts.find(Ids.parse("id", id));
        if (a == null) {
            throw ApiException.notFound("id", "no account " + id);
        }
        accounts.setPassword(a.id(), a.username(), newPassword);
        audit.record("resetPassword", "account", a.id(), null, null, Map.of("password", "reset"));
        return account(accounts.find(a.id()));
    }

    @MutationMapping
    @Transactional
    Map<String, Object> createApiToken(@Argument String accountId, @Argument String name, @Argument Integer expiresInDays) {
        Viewer admin = Access.requireAdmin("createApiToken");
        Accounts.Account a = accounts.find(Ids.parse("accountId", accountId));
        if (a == null) {
            throw ApiException.notFound("accountId", "no account " + accountId);
        }
        ApiTokens.Created created = tokens.create(a.id(), name, expiresInDays, admin.username());
        audit.record("createApiToken", "api_token", created.token().id(), null, null, token(created.token()));
        return Map.of("token", token(created.token()), "secret", created.secret());
    }

    @MutationMapping
    @Transactional
    Map<String, Object> revokeApiToken(@Argument String id) {
        Viewer admin = Access.requireAdmin("revokeApiToken");
        long tokenId = Ids.parse("id", id);
        ApiTokens.Token before = tokens.find(tokenId);
        if (before == null) {
            throw ApiException.notFound("id", "no API token " + id);
        }
        ApiTokens.Token after = tokens.revoke(tokenId, admin.username());
        audit.record("revokeApiToken", "api_token", tokenId, null, token(before), token(after));
        return token(after);
    }

    private static final List<String> LIMIT_KINDS = List.of("graphql", "tiles", "other", "token-lookup");

    @QueryMapping
    List<Map<String, Object>> rateLimits() {
        Access.requireAdmin("rateLimits");
        return LIMIT_KINDS.stream().map(this::rateLimit).toList();
    }

    @MutationMapping
    Map<String, Object> setRateLimit(@Argument String kind, @Argument Double perSecond, @Argument Integer burst) {
        Access.requireAdmin("setRateLimit");
        if (perSecond < 0 || perSecond.isNaN() || perSecond > 100_000) {
            throw ApiException.badInput("perSecond", "between 0 (no limit) and 100000, got " + perSecond);
        }
        if (burst < 1 || burst > 1_000_000) {
            throw ApiException.badInput("burst", "between 1 and 1000000, got " + burst);
        }
        String k = kind.toLowerCase().replace('_', '-');
        Map<String, Object> before = rateLimit(k);
        limiter.set(k, new RateLimiter.Limit(perSecond, burst));
        Map<String, Object> after = rateLimit(k);
        audit.record("setRateLimit", "rate_limit", kind, null, before, after);
        return after;
    }

    private Map<String, Object> rateLimit(String kind) {
        RateLimiter.Limit l = limiter.get(kind);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", kind.toUpperCase().replace('-', '_'));
        m.put("perSecond", l.perSecond());
        m.put("burst", l.burst());
        return m;
    }

    static Map<String, Object> account(Accounts.Account a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", Long.toString(a.id()));
        m.put("username", a.username());
        m.put("displayName", a.displayName());
        m.put("role", a.role().toUpperCase());
        m.put("counties", List.copyOf(a.counties()));
        m.put("personalData", a.personalData());
        m.put("enabled", a.enabled());
        m.put("hasPassword", a.hasPassword());
        m.put("createdAt", a.createdAt());
        m.put("lastLoginAt", a.lastLoginAt());
        m.put("version", a.version());
        return m;
    }

    static Map<String, Object> token(ApiTokens.Token t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", Long.toString(t.id()));
        m.put("accountUsername", t.accountUsername());
        m.put("name", t.name());
        m.put("prefix", t.prefix());
        m.put("createdAt", t.createdAt());
        m.put("createdBy", t.createdBy());
        m.put("expiresAt", t.expiresAt());
        m.put("lastUsedAt", t.lastUsedAt());
        m.put("revokedAt", t.revokedAt());
        m.put("revokedBy", t.revokedBy());
        m.put("active", t.active());
        return m;
    }
}
