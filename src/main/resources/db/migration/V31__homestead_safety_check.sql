-- House safety checks (农房安全排查, issue 12): every check of a rural house as recorded — when, the condition
-- found, the grade of the 农村房屋安全鉴定 (A–D; C 局部危房 and D 整栋危房 are dangerous houses), the structure
-- seen, the findings and the document — with who recorded it. The house's current condition, grade and check day
-- (rural_house) follow its latest check (HomesteadSafetyChecks); this table is the history.
CREATE TABLE homestead_safety_check (
    id              bigserial PRIMARY KEY,
    homestead_id    bigint NOT NULL REFERENCES homestead (id) ON DELETE CASCADE,
    house_id        bigint NOT NULL REFERENCES rural_house (id) ON DELETE CASCADE,
    checked_on      date NOT NULL,
    condition       text NOT NULL CHECK (condition IN ('good', 'fair', 'poor', 'dangerous')),
    safety_grade    text CHECK (safety_grade IN ('A', 'B', 'C', 'D')),
    structure       text CHECK (structure IN ('brick_concrete', 'brick_wood', 'wood', 'earth', 'steel', 'stone', 'other')),
    findings        text,
    document_ref    text,
    -- The occupancy recorded with the check, when the checker recorded one (with its evidence when idle).
    occupancy       text CHECK (occupancy IN ('occupied', 'seasonal', 'idle', 'abandoned')),
    idle_evidence   text CHECK (idle_evidence IN ('utility_meters', 'village_committee', 'field_survey', 'neighbours', 'other')),
    checked_by      text NOT NULL,
    recorded_at     timestamptz NOT NULL DEFAULT now(),
    -- The same rule as rural_house: dangerous exactly when graded C or D.
    CONSTRAINT homestead_safety_check_dangerous_graded CHECK (condition <> 'dangerous' OR safety_grade IN ('C', 'D')),
    CONSTRAINT homestead_safety_check_grade_condition CHECK (safety_grade IS NULL OR safety_grade IN ('A', 'B') OR condition = 'dangerous')
);
CREATE INDEX homestead_safety_check_homestead ON homestead_safety_check (homestead_id, checked_on DESC, id DESC);
CREATE INDEX homestead_safety_check_house ON homestead_safety_check (house_id, checked_on DESC, id DESC);
