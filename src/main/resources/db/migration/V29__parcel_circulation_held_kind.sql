-- Beside the derived circulation status, the land kind (farmland, pasture, forest …) of the contract in force that
-- holds a circulated parcel, written by the same statement (parcel.ParcelCirculationStatuses, CirculationStatusRule):
-- the circulation targets then sum an index of the circulated parcels of one kind, with no join to the contracts
-- (bench/RESULTS.md, issue #11: the join cost ~100 ms per target at 66,000 circulated parcels).
ALTER TABLE land_parcel ADD COLUMN circulation_held_kind text;

UPDATE land_parcel p SET circulation_held_kind = d.kind
FROM (SELECT cp.parcel_id, min(c.land_kind) AS kind FROM circulation_contract_parcel cp JOIN circulation_contract c ON c.id = cp.contract_id
      WHERE c.status IN ('signed', 'filed', 'active', 'disputed') GROUP BY cp.parcel_id) d
WHERE p.id = d.parcel_id AND p.circulation_status = 'circulated';

CREATE INDEX land_parcel_circulated_kind ON land_parcel (county_code, circulation_held_kind, village_code) INCLUDE (area_mu)
    WHERE circulation_status = 'circulated';
DROP INDEX land_parcel_circulated;
