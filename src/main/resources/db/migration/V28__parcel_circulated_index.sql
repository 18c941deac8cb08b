-- The circulation targets sum the area of the circulated parcels of a county by township or village
-- (ParcelQueries.areaMuByUnit, a third of the parcels at bench scale): an index-only scan of just those parcels,
-- with the id for the join to the contracts that hold them, instead of a scan of the county's every parcel.
CREATE INDEX land_parcel_circulated ON land_parcel (county_code, village_code) INCLUDE (id, area_mu)
    WHERE circulation_status = 'circulated';
