-- A parcel's circulation status is derived from its listings and contracts (CirculationStatusRule): circulated
-- while a contract in force (signed, filed, active, disputed) holds it, listed while a listing on offer (listed,
-- negotiating) holds it, none otherwise. Until now it could be set by hand; bring every parcel in line once.
-- Later changes go through ParcelCirculationStatuses in the transaction that changes a listing or contract.
UPDATE land_parcel p SET circulation_status = d.status
FROM (SELECT q.id,
             CASE WHEN EXISTS (SELECT 1 FROM circulation_contract_parcel cp JOIN circulation_contract c ON c.id = cp.contract_id
                               WHERE cp.parcel_id = q.id AND c.status IN ('signed', 'filed', 'active', 'disputed')) THEN 'circulated'
                  WHEN EXISTS (SELECT 1 FROM circulation_listing_parcel lp JOIN circulation_listing l ON l.id = lp.listing_id
                               WHERE lp.parcel_id = q.id AND l.status IN ('listed', 'negotiating')) THEN 'listed'
                  ELSE 'none' END AS status
      FROM land_parcel q) d
WHERE p.id = d.id AND p.circulation_status IS DISTINCT FROM d.status;
