-- Contracts as work (issue #11): staff create, edit, sign, file, activate and terminate contracts; equity (入股)
-- shareholders and dividends; mortgages of the management right (经营权抵押). Status rules in
-- circulation.ContractService; a parcel's circulation status still follows ActiveContracts.

ALTER TABLE circulation_contract
    -- Optimistic locking: an edit names the version it was made on; a stale edit is refused, not merged.
    ADD COLUMN version integer NOT NULL DEFAULT 0,
    -- The village collective (集体经济组织) as a party, for land it pooled in advance (预流转).
    ADD COLUMN collective_village_code varchar(12) REFERENCES admin_unit (code),
    -- Vocabulary of uses, agricultural only (circulation.ContractUse); NULL on historical rows with free text only.
    ADD COLUMN use_kind text CHECK (use_kind IN ('grain', 'seed_production', 'cash_crop', 'vegetables', 'forage', 'medicinal_herbs',
                                                  'facility_agriculture', 'orchard', 'forestry', 'nursery', 'fish_pond', 'livestock', 'grazing')),
    -- Non-grain use on permanent basic farmland is accepted only under use supervision (用途监管).
    ADD COLUMN supervision boolean NOT NULL DEFAULT false,
    ADD COLUMN terminated_on date,
    ADD COLUMN termination_reason text,
    -- Equity (入股): fixed dividend, or a guaranteed minimum plus a share of the declared profit (保底 + 分红).
    ADD COLUMN dividend_rule text CHECK (dividend_rule IN ('fixed', 'minimum_plus_share')),
    ADD COLUMN dividend_base_yuan numeric(14, 2) CHECK (dividend_base_yuan >= 0),
    ADD COLUMN dividend_profit_pct numeric(5, 2) CHECK (dividend_profit_pct BETWEEN 0 AND 100),
    ADD CONSTRAINT circulation_contract_terminated CHECK (status <> 'terminated' OR synthetic OR termination_reason IS NOT NULL),
    ADD CONSTRAINT circulation_contract_dividend CHECK (dividend_rule IS NULL OR (dividend_base_yuan IS NOT NULL
        AND (dividend_rule = 'fixed') = (dividend_profit_pct IS NULL)));

-- The registration CHECK of V6 counted a 5-year term from term_start to the same day 5 years later, one day more
-- than 5 years when term_end is the term's last day (a term of 2026-01-01 … 2030-12-31 is 5 years, Civil Code
-- Art. 201-202). Count as the code does: the last day is the day before the anniversary (Feb 28 for a Feb 29 start + 1).
DO $$
DECLARE c text;
BEGIN
    SELECT conname INTO c FROM pg_constraint
    WHERE conrelid = 'circulation_contract'::regclass AND contype = 'c' AND pg_get_constraintdef(oid) LIKE '%registered%5 years%';
    EXECUTE format('ALTER TABLE circulation_contract DROP CONSTRAINT %I', c);
END $$;
ALTER TABLE circulation_contract ADD CONSTRAINT circulation_contract_registered_term
    CHECK (NOT registered OR term_end >= (term_start - 1) + interval '5 years');

CREATE INDEX circulation_contract_active_end ON circulation_contract (term_end) WHERE status = 'active';

-- The area of each parcel under the contract (part of a parcel may be circulated); NULL on historical rows.
ALTER TABLE circulation_contract_parcel ADD COLUMN area_mu numeric(12, 2) CHECK (area_mu > 0);

-- 支付计划: due dates and amounts of the rent, with what has been paid.
CREATE TABLE circulation_contract_payment (
    id              bigserial PRIMARY KEY,
    contract_id     bigint NOT NULL REFERENCES circulation_contract (id) ON DELETE CASCADE,
    due_on          date NOT NULL,
    amount_yuan     numeric(14, 2) NOT NULL CHECK (amount_yuan > 0),
    paid            boolean NOT NULL DEFAULT false,
    UNIQUE (contract_id, due_on)
);

-- 股东: the households and the collective holding shares of an equity contract; shares sum to 100 % (checked on write).
CREATE TABLE circulation_contract_shareholder (
    id              bigserial PRIMARY KEY,
    contract_id     bigint NOT NULL REFERENCES circulation_contract (id) ON DELETE CASCADE,
    household_id    bigint REFERENCES household (id),
    collective_village_code varchar(12) REFERENCES admin_unit (code),
    share_pct       numeric(7, 4) NOT NULL CHECK (share_pct > 0 AND share_pct <= 100),
    CHECK ((household_id IS NULL) <> (collective_village_code IS NULL)),
    UNIQUE (contract_id, household_id),
    UNIQUE (contract_id, collective_village_code)
);

-- 分红: one declaration per contract and year, and what each shareholder gets of it.
CREATE TABLE circulation_dividend (
    id              bigserial PRIMARY KEY,
    contract_id     bigint NOT NULL REFERENCES circulation_contract (id) ON DELETE CASCADE,
    year            smallint NOT NULL CHECK (year BETWEEN 1990 AND 2200),
    declared_profit_yuan numeric(16, 2),
    total_yuan      numeric(16, 2) NOT NULL CHECK (total_yuan >= 0),
    paid_on         date NOT NULL,
    recorded_by     text NOT NULL,
    recorded_at     timestamptz NOT NULL DEFAULT now(),
    UNIQUE (contract_id, year)
);

CREATE TABLE circulation_dividend_share (
    dividend_id     bigint NOT NULL REFERENCES circulation_dividend (id) ON DELETE CASCADE,
    shareholder_id  bigint NOT NULL REFERENCES circulation_contract_shareholder (id),
    amount_yuan     numeric(16, 2) NOT NULL CHECK (amount_yuan >= 0),
    PRIMARY KEY (dividend_id, shareholder_id)
);

-- 经营权抵押: a registration of the contract's management right as collateral, until released.
CREATE TABLE circulation_mortgage (
    id              bigserial PRIMARY KEY,
    contract_id     bigint NOT NULL REFERENCES circulation_contract (id) ON DELETE CASCADE,
    lender          text NOT NULL,
    amount_yuan     numeric(16, 2) NOT NULL CHECK (amount_yuan > 0),
    term_start      date NOT NULL,
    term_end        date NOT NULL,
    registered_on   date NOT NULL,
    released_on     date,
    release_reason  text,
    CHECK (term_end > term_start),
    CHECK (released_on IS NULL OR released_on >= registered_on)
);
CREATE INDEX circulation_mortgage_contract ON circulation_mortgage (contract_id);
