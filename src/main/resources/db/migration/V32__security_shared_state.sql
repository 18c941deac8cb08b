-- State that several LandAtlas instances behind one load balancer must share, kept in the database they share.

-- Staff sessions of the web map (Spring Session JDBC; its schema-postgresql.sql, in the security schema): a session
-- made on one instance is known to all. The account id is the only attribute LandAtlas stores in a session.
CREATE TABLE security.spring_session (
    primary_id            char(36) NOT NULL,
    session_id            char(36) NOT NULL,
    creation_time         bigint NOT NULL,
    last_access_time      bigint NOT NULL,
    max_inactive_interval int NOT NULL,
    expiry_time           bigint NOT NULL,
    principal_name        varchar(100),
    CONSTRAINT spring_session_pk PRIMARY KEY (primary_id)
);
CREATE UNIQUE INDEX spring_session_ix1 ON security.spring_session (session_id);
CREATE INDEX spring_session_ix2 ON security.spring_session (expiry_time);
CREATE INDEX spring_session_ix3 ON security.spring_session (principal_name);

CREATE TABLE security.spring_session_attributes (
    session_primary_id char(36) NOT NULL,
    attribute_name     varchar(200) NOT NULL,
    attribute_bytes    bytea NOT NULL,
    CONSTRAINT spring_session_attributes_pk PRIMARY KEY (session_primary_id, attribute_name),
    CONSTRAINT spring_session_attributes_fk FOREIGN KEY (session_primary_id) REFERENCES security.spring_session (primary_id) ON DELETE CASCADE
);

-- Token buckets of the anonymous rate limits, the cost budgets and the login throttle when they are shared
-- (landatlas.limits.store = database; Bucket4j's PostgreSQL proxy manager, SELECT … FOR UPDATE per use).
-- expires_at (epoch ms) is when a bucket would be full again: from then on it means nothing and is deleted.
CREATE TABLE security.rate_bucket (
    id         text PRIMARY KEY,
    state      bytea,
    expires_at bigint
);
CREATE INDEX rate_bucket_expires_at ON security.rate_bucket (expires_at);
