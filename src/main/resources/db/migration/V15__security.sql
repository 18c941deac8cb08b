-- Accounts, county scopes, API tokens and the audit log. Kept in schema "security", apart from the land data,
-- so a demo reload never touches them and database grants can protect them separately.
CREATE SCHEMA security;

CREATE TABLE security.account (
    id              bigserial PRIMARY KEY,
    username        text NOT NULL UNIQUE CHECK (username ~ '^[A-Za-z0-9_.@-]{3,64}$'),
    display_name    text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 100),
    role            text NOT NULL CHECK (role IN ('staff', 'admin')),
    personal_data   boolean NOT NULL DEFAULT false,        -- may see names, ID numbers and phones unmasked
    password_hash   text,                                  -- NULL: signs in by token or single sign-on only
    enabled         boolean NOT NULL DEFAULT true,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    last_login_at   timestamptz,
    version         integer NOT NULL DEFAULT 0             -- optimistic locking of concurrent edits
);

-- Counties a staff account works in. No foreign key to admin_unit: a demo reload replaces the units, and the
-- service checks codes when scopes are set.
CREATE TABLE security.account_county (
    account_id      bigint NOT NULL REFERENCES security.account (id) ON DELETE CASCADE,
    county_code     varchar(6) NOT NULL CHECK (county_code ~ '^[0-9]{6}$'),
    PRIMARY KEY (account_id, county_code)
);

-- API tokens for integrations: only a SHA-256 of the secret is kept; the secret is shown once.
CREATE TABLE security.api_token (
    id              bigserial PRIMARY KEY,
    account_id      bigint NOT NULL REFERENCES security.account (id) ON DELETE CASCADE,
    name            text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    token_hash      bytea NOT NULL UNIQUE,
    prefix          text NOT NULL,                         -- first characters, to recognise a token in lists
    created_at      timestamptz NOT NULL DEFAULT now(),
    created_by      text NOT NULL,
    expires_at      timestamptz,
    last_used_at    timestamptz,
    revoked_at      timestamptz,
    revoked_by      text
);
CREATE INDEX api_token_account ON security.api_token (account_id);

-- The one-time token that lets the first administrator be created (printed at start while no administrator exists).
CREATE TABLE security.setup_token (
    id              boolean PRIMARY KEY DEFAULT true CHECK (id),
    token_hash      bytea NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now()
);

-- Who did what, when, from where, with the values before and after. Append-only: the trigger below refuses
-- updates, deletes and truncation, whoever connects.
CREATE TABLE security.audit_log (
    id              bigserial PRIMARY KEY,
    at              timestamptz NOT NULL DEFAULT clock_timestamp(),
    actor           text NOT NULL,                         -- username, or 'anonymous' / 'system'
    actor_kind      text NOT NULL CHECK (actor_kind IN ('anonymous', 'session', 'token', 'oidc', 'system')),
    account_id      bigint,
    source_ip       text,
    user_agent      text,
    action          text NOT NULL,                         -- e.g. login, setParcelCirculationStatus
    target_type     text,
    target_id       text,
    county_code     varchar(6),
    outcome         text NOT NULL CHECK (outcome IN ('ok', 'denied', 'failed')),
    before          jsonb,
    after           jsonb,
    detail          text
);
CREATE INDEX audit_log_at ON security.audit_log (at DESC);
CREATE INDEX audit_log_action ON security.audit_log (action, at DESC);
CREATE INDEX audit_log_actor ON security.audit_log (actor, at DESC);
CREATE INDEX audit_log_target ON security.audit_log (target_type, target_id);

CREATE FUNCTION security.audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit log is append-only (% refused)', TG_OP;
END $$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON security.audit_log
    FOR EACH ROW EXECUTE FUNCTION security.audit_log_is_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON security.audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION security.audit_log_is_append_only();
