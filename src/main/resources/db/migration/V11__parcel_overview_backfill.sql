-- Databases whose parcels were loaded before the tile overview existed get it built now (a no-op on empty ones).
-- A large county takes longer than the API's statement timeout, which must not apply to migrations.
SET LOCAL statement_timeout = 0;
SELECT refresh_parcel_overview(NULL);
