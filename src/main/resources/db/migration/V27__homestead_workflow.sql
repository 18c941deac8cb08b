-- Idle homesteads and houses as a workflow (issue 12): the inventory (house condition from safety checks,
-- occupancy with its evidence, abandoned plots), the revitalization workflow idle → surveyed → listed →
-- negotiating → revitalized, or withdrawn, with a version (optimistic locking) and a status history, the
-- household's consent, and agreements with 置换 (exchange with the collective), a term, a use and the annual
-- income to the household and to the collective. Existing rows are migrated in place.

-- ------------------------------------------------------------------------------------------------ inventory

-- Occupancy: occupied, seasonal, idle since a date (with evidence), abandoned (idle, the house left to ruin).
ALTER TABLE homestead DROP CONSTRAINT homestead_occupancy_check;
ALTER TABLE homestead DROP CONSTRAINT homestead_check;
ALTER TABLE homestead
    ADD CONSTRAINT homestead_occupancy_check CHECK (occupancy IN ('occupied', 'seasonal', 'idle', 'abandoned')),
    -- How the idleness is known: 水电表 utility meters, 村委会证明 village committee, 实地调查 field survey,
    -- 邻里证言 neighbours, other.
    ADD COLUMN idle_evidence text CHECK (idle_evidence IN ('utility_meters', 'village_committee', 'field_survey', 'neighbours', 'other')),
    ADD COLUMN idle_evidence_note text;
UPDATE homestead SET idle_evidence = 'field_survey' WHERE occupancy IN ('idle', 'abandoned');
ALTER TABLE homestead
    ADD CONSTRAINT homestead_idle_evidence CHECK (occupancy NOT IN ('idle', 'abandoned') OR (idle_since IS NOT NULL AND idle_evidence IS NOT NULL));

-- Condition "dangerous" comes from a house safety check (农村房屋安全鉴定, grades A–D; C and D are 危房).
ALTER TABLE rural_house
    ADD COLUMN safety_grade text CHECK (safety_grade IN ('A', 'B', 'C', 'D')),
    ADD COLUMN safety_checked_on date;
UPDATE rural_house r SET safety_grade = 'D', safety_checked_on = h.surveyed_on
FROM homestead h WHERE h.id = r.homestead_id AND r.condition = 'dangerous';
ALTER TABLE rural_house
    ADD CONSTRAINT rural_house_dangerous_checked CHECK (condition <> 'dangerous' OR (safety_grade IN ('C', 'D') AND safety_checked_on IS NOT NULL)),
    ADD CONSTRAINT rural_house_grade_condition CHECK (safety_grade IS NULL OR safety_grade IN ('A', 'B') OR condition = 'dangerous');

-- ------------------------------------------------------------------------------------------------ workflow

-- none: not idle (no revitalization); idle → surveyed → listed → negotiating → revitalized, or withdrawn.
-- The former "offered" is "listed"; homesteads idle without a revitalization status are "idle".
ALTER TABLE homestead DROP CONSTRAINT homestead_revitalization_status_check;
UPDATE homestead SET revitalization_status = 'listed' WHERE revitalization_status = 'offered';
UPDATE homestead SET revitalization_status = 'idle' WHERE revitalization_status = 'none' AND occupancy IN ('idle', 'abandoned');
ALTER TABLE homestead
    ADD CONSTRAINT homestead_revitalization_status_check
        CHECK (revitalization_status IN ('none', 'idle', 'surveyed', 'listed', 'negotiating', 'revitalized', 'withdrawn')),
    ADD COLUMN version integer NOT NULL DEFAULT 0,
    ADD COLUMN updated_by text,
    -- The day the homestead reached "revitalized" (what the plan target counts, by year).
    ADD COLUMN revitalized_on date,
    -- 自愿: the household's consent to revitalization (no forced transfer): when, and the document.
    ADD COLUMN consent_on date,
    ADD COLUMN consent_document text;
UPDATE homestead h SET revitalized_on = coalesce(
        (SELECT min(r.term_start) FROM homestead_revitalization r WHERE r.homestead_id = h.id AND r.status = 'active'), h.updated_at::date)
WHERE h.revitalization_status = 'revitalized';
-- Offered, negotiated and revitalized homesteads were offered by their households.
UPDATE homestead SET consent_on = coalesce(surveyed_on, updated_at::date), consent_document = '农户自愿盘活申请（迁移 migrated）'
WHERE revitalization_status IN ('listed', 'negotiating', 'revitalized');
-- The workflow (HomesteadWorkflow) enforces the rest: only idle or abandoned homesteads enter it, listing needs
-- the household's consent, "revitalized" sets revitalized_on. No CHECK for those: the status correction by hand
-- (setHomesteadRevitalizationStatus, audited) may set any status, as before.
CREATE INDEX homestead_revitalized_on ON homestead (county_code, revitalized_on) WHERE revitalization_status = 'revitalized';
CREATE INDEX homestead_household ON homestead (household_id);

-- Every status change, with who and when.
CREATE TABLE homestead_status_history (
    id              bigserial PRIMARY KEY,
    homestead_id    bigint NOT NULL REFERENCES homestead (id) ON DELETE CASCADE,
    from_status     text,
    to_status       text NOT NULL,
    changed_at      timestamptz NOT NULL DEFAULT now(),
    changed_by      text NOT NULL,
    reason          text
);
CREATE INDEX homestead_status_history_homestead ON homestead_status_history (homestead_id, changed_at);
INSERT INTO homestead_status_history (homestead_id, from_status, to_status, changed_at, changed_by, reason)
SELECT id, NULL, revitalization_status, updated_at, 'migration', '迁移时的状态 status when migrated'
FROM homestead WHERE revitalization_status <> 'none';

-- ------------------------------------------------------------------------------------------------ agreements

-- Modes: 自营, 出租, 入股, 合作, and 置换 (exchange with the village collective); counterparties: the village
-- collective, returning villagers, urban residents, enterprises (business), the household itself (自营).
ALTER TABLE homestead_revitalization DROP CONSTRAINT homestead_revitalization_mode_check;
ALTER TABLE homestead_revitalization
    ADD CONSTRAINT homestead_revitalization_mode_check CHECK (mode IN ('self_operated', 'lease', 'equity', 'cooperation', 'exchange')),
    -- 置换 only with the collective: anything else would be a sale of the homestead to an outsider.
    ADD CONSTRAINT homestead_revitalization_exchange CHECK (mode <> 'exchange' OR counterparty_kind = 'village_collective'),
    -- What the agreement yields a year, to the household and to the village collective, 元.
    ADD COLUMN income_household_yuan numeric(12, 2) CHECK (income_household_yuan >= 0),
    ADD COLUMN income_collective_yuan numeric(12, 2) CHECK (income_collective_yuan >= 0),
    -- The use as the agreement describes it (checked against villas and private clubs).
    ADD COLUMN use_description text,
    ADD COLUMN created_by text,
    ADD COLUMN created_at timestamptz NOT NULL DEFAULT now();
UPDATE homestead_revitalization SET income_household_yuan = annual_rent_yuan WHERE annual_rent_yuan IS NOT NULL;
-- One agreement under negotiation or in force per homestead.
CREATE UNIQUE INDEX homestead_revitalization_open ON homestead_revitalization (homestead_id) WHERE status IN ('proposed', 'approved', 'active');

-- The homestead layer shows the worst condition of the plot's houses: their changes invalidate its tiles.
CALL watch_tile_source('rural_house', 'rural_house', 'footprint');
