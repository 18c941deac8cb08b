-- Use supervision (用途监管), contract statistics and the staff-only contract tiles (issue #11).
--
-- The layers circulation_contracts and circulation_supervision are drawn from contracts, their mortgages and their
-- disputes, so changes of these tables notify the tile listener (landatlas_tiles) as the other layers' tables do.
-- Contracts have a geometry: the trigger of V10.
CALL watch_tile_source('circulation_contract', 'circulation_contract', 'geom');

-- Mortgages and disputes have none: their change is notified under the bounding box of the contracts they belong to;
-- a dispute over a parcel only (no contract) is notified without a box, which drops the layers' cached tiles everywhere.
CREATE FUNCTION notify_contract_child_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    box box2d;
    box_old box2d;
    parcel_only boolean := false;
BEGIN
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        SELECT ST_Extent(c.geom) INTO box FROM circulation_contract c WHERE c.id IN (SELECT contract_id FROM new_rows);
        IF TG_TABLE_NAME = 'circulation_dispute' THEN
            SELECT bool_or(contract_id IS NULL) INTO parcel_only FROM new_rows;
        END IF;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        SELECT ST_Extent(c.geom) INTO box_old FROM circulation_contract c WHERE c.id IN (SELECT contract_id FROM old_rows);
        box := CASE WHEN box IS NULL THEN box_old WHEN box_old IS NULL THEN box ELSE ST_Extent(ST_Collect(box::geometry, box_old::geometry)) END;
        IF TG_TABLE_NAME = 'circulation_dispute' THEN
            SELECT coalesce(parcel_only, false) OR coalesce(bool_or(contract_id IS NULL), false) INTO parcel_only FROM old_rows;
        END IF;
    END IF;
    IF coalesce(parcel_only, false) THEN
        PERFORM pg_notify('landatlas_tiles', json_build_object('layer', TG_ARGV[0])::text);
    ELSIF box IS NOT NULL THEN
        PERFORM pg_notify('landatlas_tiles', json_build_object('layer', TG_ARGV[0],
            'bbox', json_build_array(ST_XMin(box), ST_YMin(box), ST_XMax(box), ST_YMax(box)))::text);
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER tiles_ins_circulation_mortgage AFTER INSERT ON circulation_mortgage REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION notify_contract_child_change('circulation_mortgage');
CREATE TRIGGER tiles_upd_circulation_mortgage AFTER UPDATE ON circulation_mortgage REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION notify_contract_child_change('circulation_mortgage');
CREATE TRIGGER tiles_del_circulation_mortgage AFTER DELETE ON circulation_mortgage REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION notify_contract_child_change('circulation_mortgage');
CREATE TRIGGER tiles_ins_circulation_dispute AFTER INSERT ON circulation_dispute REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION notify_contract_child_change('circulation_dispute');
CREATE TRIGGER tiles_upd_circulation_dispute AFTER UPDATE ON circulation_dispute REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION notify_contract_child_change('circulation_dispute');
CREATE TRIGGER tiles_del_circulation_dispute AFTER DELETE ON circulation_dispute REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION notify_contract_child_change('circulation_dispute');

-- Supervision reads unreleased mortgages per contract.
CREATE INDEX circulation_mortgage_open ON circulation_mortgage (contract_id) WHERE released_on IS NULL;
