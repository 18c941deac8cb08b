package org.landatlas.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.landatlas.platform.ApiException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * API tokens for integrations: {@code la_} + 43 characters of base64url randomness (256 bits). Only the SHA-256
 * of a token is stored, so a database leak reveals none; the token itself is returned once, at creation.
 * Lookups are cached briefly; revoking drops the cache entry at once.
 */
@Service
class ApiTokens {

    static final String PREFIX = "la_";
    /** How long a look-up (found or not) is trusted; revoking a token drops every cached look-up at once. */
    static final Duration LOOKUP_VALIDITY = Duration.ofSeconds(30);
    private static final SecureRandom RANDOM = new SecureRandom();

    record Token(long id, long accountId, String accountUsername, String name, String prefix, OffsetDateTime createdAt, String createdBy,
                 OffsetDateTime expiresAt, OffsetDateTime lastUsedAt, OffsetDateTime revokedAt, String revokedBy) {
        boolean active() {
            return revokedAt == null && (expiresAt == null || expiresAt.isAfter(OffsetDateTime.now()));
        }
    }

    record Created(Token token, String secret) {
    }

    private final JdbcTemplate jdbc;
    /** SHA-256 (base64) of a token → its account, or empty for a token that is unknown, revoked or expired. */
    private final Cache<String, Optional<Long>> lookups = Caffeine.newBuilder()
            .expireAfterWrite(LOOKUP_VALIDITY)
            .maximumSize(10_000)
            .build();

    ApiTokens(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Whether the token's lookup is cached (no database work needed for it). */
    boolean cached(String secret) {
        return lookups.getIfPresent(key(secret)) != null;
    }

    /** The account of an active token, or null (unknown, revoked, expired or malformed). */
    Long accountOf(String secret) {
        if (secret == null || !secret.startsWith(PREFIX) || secret.length() != PREFIX.length() + 43) {
            return null;
        }
        return lookups.get(key(secret), k -> {
            List<Long> ids = jdbc.queryForList("""
                    UPDATE security.api_token SET last_used_at = now()
                    WHERE token_hash = ? AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now()) RETURNING account_id""",
                    Long.class, (Object) hash(secret));
            return ids.stream().findFirst();
        }).orElse(null);
    }

    private static String key(String secret) {
        return Base64.getEncoder().encodeToString(hash(secret));
    }

    @Transactional
    Created create(long accountId, String name, Integer expiresInDays, String createdBy) {
        if (name == null || name.isBlank() || name.length() > 100) {
            throw ApiException.badInput("name", "1–100 characters");
        }
        if (expiresInDays != null && (expiresInDays < 1 || expiresInDays > 3650)) {
            throw ApiException.badInput("expiresInDays", "between 1 and 3650 days, or leave it out for no expiry");
        }
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        long id = jdbc.queryForObject("""
                INSERT INTO security.api_token (account_id, name, token_hash, prefix, created_by, expires_at)
                VALUES (?, ?, ?, ?, ?, CASE WHEN ?::int IS NULL THEN NULL ELSE now() + make_interval(days => ?::int) END) RETURNING id""",
                Long.class, accountId, name.strip(), hash(secret), secret.substring(0, 10), createdBy, expiresInDays, expiresInDays);
        return new Created(find(id), secret);
    }

    @Transactional
    Token revoke(long id, String by) {
        Token t = find(id);
        if (t == null) {
            throw ApiException.notFound("id", "no API token " + id);
        }
        jdbc.update("UPDATE security.api_token SET revoked_at = coalesce(revoked_at, now()), revoked_by = coalesce(revoked_by, ?) WHERE id = ?", by, id);
        // Look-ups are keyed by the token's hash, not its id: drop them all.
        lookups.invalidateAll();
        return find(id);
    }

    Token find(long id) {
        List<Token> t = query("WHERE t.id = ?", id);
        return t.isEmpty() ? null : t.get(0);
    }

    List<Token> list(Long accountId) {
        return accountId == null ? query("ORDER BY t.id") : query("WHERE t.account_id = ? ORDER BY t.id", accountId);
    }

    private List<Token> query(String tail, Object... args) {
        return jdbc.query("""
                SELECT t.id, t.account_id, a.username, t.name, t.prefix, t.created_at, t.created_by, t.expires_at, t.last_used_at, t.revoked_at, t.revoked_by
                FROM security.api_token t JOIN security.account a ON a.id = t.account_id
                """ + tail,
                (rs, i) -> new Token(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getObject(6, OffsetDateTime.class), rs.getString(7), rs.getObject(8, OffsetDateTime.class),
                        rs.getObject(9, OffsetDateTime.class), rs.getObject(10, OffsetDateTime.class), rs.getString(11)), args);
    }

    static byte[] hash(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
