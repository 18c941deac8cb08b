package org.landatlas.security;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * There is no default password. While no administrator exists, each start either creates one from
 * LANDATLAS_ADMIN_USERNAME / LANDATLAS_ADMIN_PASSWORD, or prints a one-time set-up token for POST /auth/setup
 * (only its hash is stored; a restart replaces it).
 */
// Only for the web service (the demo loader and bench preparation run without a web server).
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Component
class FirstAdministrator implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(FirstAdministrator.class);

    private final Accounts accounts;
    private final AuditLog audit;
    private final JdbcTemplate jdbc;
    private final String username;
    private final String password;
    private final String port;

    FirstAdministrator(Accounts accounts, AuditLog audit, JdbcTemplate jdbc,
                       @Value("${landatlas.security.admin-username:admin}") String username,
                       @Value("${landatlas.security.admin-password:}") String password,
                       @Value("${server.port:8080}") String port) {
        this.accounts = accounts;
        this.audit = audit;
        this.jdbc = jdbc;
        this.username = username;
        this.password = password;
        this.port = port;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (accounts.anyAdministrator()) {
            return;
        }
        if (!password.isBlank()) {
            Accounts.Account existing = accounts.findByUsername(username);
            if (existing != null) {
                log.warn("LANDATLAS_ADMIN_PASSWORD is set but account '{}' exists and is not an enabled administrator; leaving it alone", username);
                return;
            }
            Accounts.Account a;
            try {
                a = accounts.create(username, "Administrator", "admin", true, List.of(), password);
            } catch (org.landatlas.platform.ApiException e) {
                throw new IllegalStateException("LANDATLAS_ADMIN_USERNAME / LANDATLAS_ADMIN_PASSWORD refused: " + e.getMessage(), e);
            }
            audit.write(Viewer.PUBLIC, "createAccount", "account", a.id(), null, "ok", null, a.audited(), "first administrator from LANDATLAS_ADMIN_PASSWORD");
            log.info("Created administrator '{}' from LANDATLAS_ADMIN_PASSWORD", username);
            return;
        }
        byte[] raw = new byte[24];
        new SecureRandom().nextBytes(raw);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        jdbc.update("INSERT INTO security.setup_token (token_hash) VALUES (?) ON CONFLICT (id) DO UPDATE SET token_hash = excluded.token_hash, created_at = now()",
                (Object) ApiTokens.hash(token));
        log.warn("""

                *** No administrator yet. Create the first one with this one-time set-up token (or set LANDATLAS_ADMIN_PASSWORD and restart):
                    curl -X POST http://localhost:{}/auth/setup -H 'Content-Type: application/json' -H 'X-XSRF-TOKEN: x' -b 'XSRF-TOKEN=x' \\
                         -d '{"token": "{}", "username": "admin", "password": "<at least {} characters>"}'
                """, port, token, Accounts.MIN_PASSWORD_LENGTH);
    }
}
