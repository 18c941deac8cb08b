package org.landatlas.security;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.landatlas.platform.ApiException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Accounts, their roles and county scopes, and the viewers made from them. Viewers are cached for a short time
 * (sessions and tokens are checked on every request, tiles included) and dropped at once when an account changes.
 */
@Service
class Accounts {

    static final int MIN_PASSWORD_LENGTH = 10;
    private static final java.time.Duration VIEWER_TTL = java.time.Duration.ofSeconds(30);

    record Account(long id, String username, String displayName, String role, boolean personalData, boolean enabled,
                   boolean hasPassword, Set<String> counties, java.time.OffsetDateTime createdAt, java.time.OffsetDateTime lastLoginAt, int version) {
        Map<String, Object> audited() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("username", username);
            m.put("displayName", displayName);
            m.put("role", role);
            m.put("personalData", personalData);
            m.put("enabled", enabled);
            m.put("counties", new TreeSet<>(counties));
            return m;
        }
    }

    /** A viewer is cached per account and way of signing in (session, token, oidc). */
    private record ViewerKey(long accountId, String via) {
    }

    private final JdbcTemplate jdbc;
    private final PasswordEncoder passwords;
    /** Viewers of enabled accounts only: an unknown or disabled account is looked up again each time. */
    private final Cache<ViewerKey, Viewer> viewers = Caffeine.newBuilder()
            .expireAfterWrite(VIEWER_TTL)
            .maximumSize(10_000)
            .build();

    Accounts(JdbcTemplate jdbc, PasswordEncoder passwords) {
        this.jdbc = jdbc;
        this.passwords = passwords;
    }

    /** The viewer of an enabled account, or null (unknown or disabled). {@code via}: session, token or oidc. */
    Viewer viewer(long accountId, String via) {
        // A null from the loader caches nothing.
        return viewers.get(new ViewerKey(accountId, via), k -> {
            Account a = find(k.accountId());
            return a == null || !a.enabled() ? null : toViewer(a, k.via());
        });
    }

    static Viewer toViewer(Account a, String via) {
        return new Viewer(a.role().equals("admin") ? Viewer.Role.ADMIN : Viewer.Role.STAFF, a.id(), a.username(), Set.copyOf(a.counties()),
                a.personalData(), via);
    }

    void forget(long accountId) {
        viewers.asMap().keySet().removeIf(k -> k.accountId() == accountId);
    }

    Account find(long id) {
        List<Account> list = query("WHERE a.id = ?", id);
        return list.isEmpty() ? null : list.get(0);
    }

    Account findByUsername(String username) {
        List<Account> list = query("WHERE lower(a.username) = lower(?)", username);
        return list.isEmpty() ? null : list.get(0);
    }

    List<Account> all() {
        return query("ORDER BY a.username");
    }

    boolean anyAdministrator() {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM security.account WHERE role = 'admin' AND enabled)", Boolean.class));
    }

    private List<Account> query(String tail, Object... args) {
        return jdbc.query("""
                SELECT a.id, a.username, a.display_name, a.role, a.personal_data, a.enabled, a.password_hash IS NOT NULL AS has_password,
                       a.created_at, a.last_login_at, a.version,
                       coalesce((SELECT array_agg(c.county_code ORDER BY c.county_code) FROM security.account_county c WHERE c.account_id = a.id), '{}') AS counties
                FROM security.account a
                """ + tail, (rs, i) -> new Account(rs.getLong("id"), rs.getString("username"), rs.getString("display_name"),
                rs.getString("role"), rs.getBoolean("personal_data"), rs.getBoolean("enabled"), rs.getBoolean("has_password"),
                new TreeSet<>(List.of((String[]) rs.getArray("counties").getArray())), rs.getObject("created_at", java.time.OffsetDateTime.class),
                rs.getObject("last_login_at", java.time.OffsetDateTime.class), rs.getInt("version")), args);
    }

    /** The stored hash of an enabled account's password, for sign-in; null when it has none. */
    String passwordHash(long id) {
        List<String> h = jdbc.queryForList("SELECT password_hash FROM security.account WHERE id = ? AND enabled", String.class, id);
        return h.isEmpty() ? null : h.get(0);
    }

    boolean passwordMatches(Account a, String raw) {
        String hash = passwordHash(a.id());
        return hash != null && raw != null && passwords.matches(raw, hash);
    }

    void touchLogin(long id) {
        jdbc.update("UPDATE security.account SET last_login_at = now() WHERE id = ?", id);
    }

    @Transactional
    Account create(String username, String displayName, String role, boolean personalData, List<String> counties, String password) {
        checkUsername(username);
        checkRole(role);
        List<String> scope = checkCounties(role, counties);
        if (password != null) {
            checkPassword("password", password, username);
        }
        long id;
        try {
            id = jdbc.queryForObject("INSERT INTO security.account (username, display_name, role, personal_data, password_hash) VALUES (?, ?, ?, ?, ?) RETURNING id",
                    Long.class, username, displayName == null || displayName.isBlank() ? username : displayName.strip(), role, personalData,
                    password == null ? null : passwords.encode(password));
        } catch (DuplicateKeyException e) {
            throw ApiException.badInput("input.username", "an account named '" + username + "' exists already");
        }
        setCounties(id, scope);
        return find(id);
    }

    /** Applies the given changes (null = unchanged); {@code expectedVersion} refuses edits made on a stale copy. */
    @Transactional
    Account update(long id, String displayName, String role, Boolean personalData, Boolean enabled, List<String> counties, Integer expectedVersion) {
        Account a = find(id);
        if (a == null) {
            throw ApiException.notFound("id", "no account " + id);
        }
        if (expectedVersion != null && expectedVersion != a.version()) {
            throw ApiException.staleVersion("input.expectedVersion", "account " + a.username(), a.version(), expectedVersion);
        }
        String newRole = role == null ? a.role() : role;
        checkRole(newRole);
        List<String> scope = counties == null ? null : checkCounties(newRole, counties);
        int n = jdbc.update("""
                UPDATE security.account SET display_name = coalesce(?, display_name), role = ?, personal_data = coalesce(?, personal_data),
                       enabled = coalesce(?, enabled), updated_at = now(), version = version + 1
                WHERE id = ? AND version = ?""", displayName == null ? null : displayName.strip(), newRole, personalData, enabled, id, a.version());
        if (n == 0) {
            throw ApiException.badInput("id", "account " + a.username() + " was changed meanwhile; reload and try again");
        }
        if (scope != null) {
            setCounties(id, scope);
        }
        if (a.role().equals("admin") && (!newRole.equals("admin") || Boolean.FALSE.equals(enabled)) && !anyAdministrator()) {
            throw ApiException.badInput("input.role", "this is the last enabled administrator; make another one first");
        }
        forget(id);
        return find(id);
    }

    @Transactional
    void setPassword(long id, String username, String password) {
        checkPassword("newPassword", password, username);
        jdbc.update("UPDATE security.account SET password_hash = ?, updated_at = now(), version = version + 1 WHERE id = ?", passwords.encode(password), id);
        forget(id);
    }

    private void setCounties(long id, List<String> counties) {
        jdbc.update("DELETE FROM security.account_county WHERE account_id = ?", id);
        for (String c : counties) {
            jdbc.update("INSERT INTO security.account_county (account_id, county_code) VALUES (?, ?)", id, c);
        }
    }

    private static void checkUsername(String username) {
        if (username == null || !username.matches("[A-Za-z0-9_.@-]{3,64}")) {
            throw ApiException.badInput("input.username", "3–64 characters of letters, digits and _ . @ -");
        }
    }

    private static void checkRole(String role) {
        if (!role.equals("staff") && !role.equals("admin")) {
            throw ApiException.badInput("input.role", "'" + role + "' is not STAFF or ADMIN");
        }
    }

    private List<String> checkCounties(String role, List<String> counties) {
        List<String> out = new ArrayList<>(new TreeSet<>(counties == null ? List.of() : counties));
        for (String c : out) {
            if (c == null || !c.matches("[0-9]{6}") || !Boolean.TRUE.equals(jdbc.queryForObject(
                    "SELECT EXISTS (SELECT 1 FROM admin_unit WHERE code = ? AND level = 'county')", Boolean.class, c))) {
                throw ApiException.badInput("input.counties", "'" + c + "' is not the code of a county in the data set");
            }
        }
        if (role.equals("staff") && out.isEmpty()) {
            throw ApiException.badInput("input.counties", "a staff account needs at least one county");
        }
        return out;
    }

    static void checkPassword(String argument, String password, String username) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            throw ApiException.badInput(argument, "at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        if (password.length() > 200) {
            throw ApiException.badInput(argument, "at most 200 characters");
        }
        if (username != null && password.toLowerCase().contains(username.toLowerCase())) {
            throw ApiException.badInput(argument, "must not contain the user name");
        }
        if (password.chars().distinct().count() < 5) {
            throw ApiException.badInput(argument, "too simple: use at least 5 different characters");
        }
    }
}
