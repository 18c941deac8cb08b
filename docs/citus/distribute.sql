-- LandAtlas on Citus: how each table is placed (docs/SCALE-OUT.md). Run once with psql on the Citus coordinator,
-- after the service's Flyway migrations have made the schema there and before any data is loaded:
--   psql "$COORDINATOR" -v ON_ERROR_STOP=1 -f docs/citus/distribute.sql
-- org.landatlas.platform.DistributionKeysTest reads this file and checks the schema against it (every table
-- placed once; county_code in every key of a distributed table; no foreign key Citus would refuse), so a new
-- table or key that would not distribute fails the build, not the province's migration.

-- Reference tables: small, read by every query, copied whole to every node. Referenced tables first.
SELECT create_reference_table('land_class');
SELECT create_reference_table('admin_unit');
SELECT create_reference_table('belt_scheme');
SELECT create_reference_table('belt');
SELECT create_reference_table('high_standard_farmland_project');
SELECT create_reference_table('transferee');
SELECT create_reference_table('personal.transferee_contact');
SELECT create_reference_table('grid_upstream');
SELECT create_reference_table('distribution_transformer');
SELECT create_reference_table('pv_county_assumption');
SELECT create_reference_table('plan_target');
SELECT create_reference_table('import_mapping');
SELECT create_reference_table('dataset_load');

-- Distributed by county: a county's rows of all these tables live in one shard group (colocated with
-- land_parcel), so a county's queries, joins and cascades run on one node. 64 shards spread ~100 counties.
SET citus.shard_count = 64;
SELECT create_distributed_table('land_parcel', 'county_code');
SELECT create_distributed_table('protection_zone', 'county_code', colocate_with => 'land_parcel');
SELECT create_distributed_table('parcel_overview', 'county_code', colocate_with => 'land_parcel');
SELECT create_distributed_table('parcel_overview_dirty', 'county_code', colocate_with => 'land_parcel');
SELECT create_distributed_table('dem', 'county_code', colocate_with => 'land_parcel');
SELECT create_distributed_table('road', 'county_code', colocate_with => 'land_parcel');
SELECT create_distributed_table('settlement', 'county_code', colocate_with => 'land_parcel');
SELECT create_distributed_table('poi', 'county_code', colocate_with => 'land_parcel');
SELECT create_distributed_table('household', 'county_code', colocate_with => 'land_parcel');
SELECT create_distributed_table('personal.household_identity', 'county_code', colocate_with => 'land_parcel');
SELECT create_distributed_table('circulation_listing', 'county_code', colocate_with => 'land_parcel');
SELECT create_distributed_table('circulation_listing_parcel', 'county_code', colocate_with => 'land_parcel');
SELECT create_distributed_table('idle_facility', 'county_code', colocate_with => 'land_parcel');
SELECT create_distributed_table('circulation_contract', 'county_code', colocate_with => 'land_parcel');
SELECT create_distributed_table('circulation_contract_parcel', 'county_code', colocate_with => 'land_parcel');
SELECT create_distributed_table('circulation_contract_transferor', 'county_code', colocate_with => 'land_parcel');
SELECT create_distributed_table('circulation_contract_payment', 'county_code', colocate_with => 'land_parcel');
SELECT create_distributed_table('circulation_contract_shareholder', 'county_code', colocate_with => 'land_parcel');
SELECT create_distributed_table('circulation_dividend', 'county_code', colocate_with => 'land_parcel');
SELECT create_distributed_table('circulation_dividend_share', 'county_code', colocate_with => 'land_parcel');
SELECT create_distributed_table('circulation_mortgage', 'county_code', colocate_with => 'land_parcel');
SELECT create_distributed_table('circulation_status_history', 'county_code', colocate_with => 'land_parcel');
SELECT create_distributed_table('circulation_dispute', 'county_code', colocate_with => 'land_parcel');
SELECT create_distributed_table('circulation_dispute_step', 'county_code', colocate_with => 'land_parcel');
SELECT create_distributed_table('circulation_attachment', 'county_code', colocate_with => 'land_parcel');
SELECT create_distributed_table('contract_plot', 'county_code', colocate_with => 'land_parcel');
SELECT create_distributed_table('circulation_search_parcel', 'county_code', colocate_with => 'land_parcel');
SELECT create_distributed_table('circulation_parcel_adjacency', 'county_code', colocate_with => 'land_parcel');
SELECT create_distributed_table('homestead', 'county_code', colocate_with => 'land_parcel');
SELECT create_distributed_table('rural_house', 'county_code', colocate_with => 'land_parcel');
SELECT create_distributed_table('homestead_revitalization', 'county_code', colocate_with => 'land_parcel');
SELECT create_distributed_table('homestead_status_history', 'county_code', colocate_with => 'land_parcel');
SELECT create_distributed_table('homestead_safety_check', 'county_code', colocate_with => 'land_parcel');
SELECT create_distributed_table('pv_site', 'county_code', colocate_with => 'land_parcel');
SELECT create_distributed_table('pv_site_consent', 'county_code', colocate_with => 'land_parcel');
SELECT create_distributed_table('pv_site_status_history', 'county_code', colocate_with => 'land_parcel');
SELECT create_distributed_table('import_job', 'county_code', colocate_with => 'land_parcel');
SELECT create_distributed_table('import_change', 'county_code', colocate_with => 'land_parcel');

-- Coordinator-local (left as they are): accounts, tokens, the audit log, sessions and rate buckets are
-- province-wide and small, read per request by the coordinator; Flyway's history and PostGIS's catalogue.
-- local: security.account
-- local: security.account_county
-- local: security.api_token
-- local: security.setup_token
-- local: security.audit_log
-- local: security.spring_session
-- local: security.spring_session_attributes
-- local: security.rate_bucket
-- local: flyway_schema_history
-- local: spatial_ref_sys
