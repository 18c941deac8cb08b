package org.landatlas.solar;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.landatlas.platform.ApiException;
import org.landatlas.platform.Ids;
import org.landatlas.security.Access;
import org.landatlas.security.AuditLog;
import org.landatlas.security.Viewer;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Staff edits of the grid figures: a distribution transformer's figures (rated kVA, the DL/T 2041 terms, the share
 * override, the line above) and a 10 kV line's or main transformer's published open capacity. The figures are
 * facts from the grid company: a change that leaves connected PV above the new hosting capacity is accepted, and
 * the transformer simply turns red (C1 ≤ 0). Each edit locks its row (the transformer's is the row the connection
 * guard locks, so an edit and a connection are serialised), is audited, and rewrites the transformer rows it affects
 * so the NOTIFY trigger drops their cached tiles.
 */
@Component
class GridWork {

    private final NamedParameterJdbcTemplate jdbc;
    private final AuditLog audit;

    GridWork(NamedParameterJdbcTemplate jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /** setTransformerGridFigures: every figure at once (the form sends them all); the version is compared and bumped. */
    @Transactional
    void setTransformerFigures(Object rawId, PvInputs.TransformerGrid in, Integer expectedVersion) {
        Viewer v = Access.requireStaff("setTransformerGridFigures");
        if (expectedVersion == null) {
            throw ApiException.badInput("expectedVersion", "give the version you edited (the transformer's version field), so a change made meanwhile is not overwritten");
        }
        if (in == null) {
            throw ApiException.badInput("input", "give the grid figures");
        }
        long id = Ids.parse("id", rawId);
        List<Map<String, Object>> rows = jdbc.queryForList("""
                SELECT county_code, version, rated_kva, min_noon_load_kw, other_generation_kw, storage_charge_kw, parallel_count,
                       pv_hosting_ratio::float8 AS pv_hosting_ratio, upstream_id
                FROM distribution_transformer WHERE id = :id FOR UPDATE""", Map.of("id", id));
        if (rows.isEmpty()) {
            throw ApiException.notFound("id", "no distribution transformer with id " + id);
        }
        Map<String, Object> t = rows.get(0);
        String county = (String) t.get("county_code");
        if (!v.isStaffIn(county)) {
            throw new ApiException(ApiException.Code.FORBIDDEN, "id", "transformer " + id + " is in county " + county
                    + ", outside the counties of account " + v.username() + "; nothing was changed");
        }
        int version = ((Number) t.get("version")).intValue();
        if (version != expectedVersion) {
            throw ApiException.staleVersion("expectedVersion", "transformer " + id, version, expectedVersion);
        }
        if (in.ratedKva() == null || in.ratedKva() <= 0 || in.ratedKva() > 100_000) {
            throw ApiException.badInput("input.ratedKva", "the rated capacity in kVA, above 0 (at most 100000), got " + in.ratedKva());
        }
        required(in.minNoonLoadKw(), "input.minNoonLoadKw");
        required(in.otherGenerationKw(), "input.otherGenerationKw");
        required(in.storageChargeKw(), "input.storageChargeKw");
        if (in.parallelCount() == null || in.parallelCount() < 1 || in.parallelCount() > 8) {
            throw ApiException.badInput("input.parallelCount", "transformers in parallel, 1 to 8, got " + in.parallelCount());
        }
        Double ratio = in.pvHostingRatio();
        if (ratio != null && (ratio.isNaN() || ratio < 0.001 || ratio > 1)) {
            throw ApiException.badInput("input.pvHostingRatio", "a share of the rated capacity above 0 and at most 1 (null: the county's share), got " + ratio);
        }
        Long upstream = in.upstreamId() == null ? null : Ids.parse("input.upstreamId", in.upstreamId());
        if (upstream != null) {
            List<String> c = jdbc.queryForList("SELECT county_code FROM grid_upstream WHERE id = :u", Map.of("u", upstream), String.class);
            if (c.isEmpty()) {
                throw ApiException.notFound("input.upstreamId", "no 10 kV line or main transformer with id " + upstream);
            }
            if (!county.equals(c.get(0))) {
                throw ApiException.badInput("input.upstreamId", "line " + upstream + " is in county " + c.get(0) + ", the transformer in " + county);
            }
        }
        Map<String, Object> before = figures(t);
        before.put("version", version);
        jdbc.update("""
                UPDATE distribution_transformer SET rated_kva = :kva, min_noon_load_kw = :load, other_generation_kw = :other, storage_charge_kw = :storage,
                    parallel_count = :n, pv_hosting_ratio = :ratio, upstream_id = :up, version = version + 1
                WHERE id = :id""", new MapSqlParameterSource("id", id).addValue("kva", in.ratedKva()).addValue("load", in.minNoonLoadKw())
                .addValue("other", in.otherGenerationKw()).addValue("storage", in.storageChargeKw()).addValue("n", in.parallelCount())
                .addValue("ratio", ratio).addValue("up", upstream));
        Map<String, Object> after = jdbc.queryForMap("""
                SELECT t.rated_kva, t.min_noon_load_kw, t.other_generation_kw, t.storage_charge_kw, t.parallel_count, t.pv_hosting_ratio::float8 AS pv_hosting_ratio,
                       t.upstream_id, t.version, l.pv_hosting_kw, l.c1_kw, l.c2_kw, l.grade
                FROM distribution_transformer t JOIN distribution_transformer_load l ON l.transformer_id = t.id WHERE t.id = :id""", Map.of("id", id));
        Map<String, Object> a = figures(after);
        a.put("version", after.get("version"));
        a.put("pvHostingKw", after.get("pv_hosting_kw"));
        a.put("c1Kw", after.get("c1_kw"));
        a.put("c2Kw", after.get("c2_kw"));
        a.put("grade", String.valueOf(after.get("grade")).toUpperCase(Locale.ROOT));
        audit.record("setTransformerGridFigures", "distribution_transformer", id, county, before, a);
    }

    /** setGridUpstreamCapacity: the published open capacity of a line or main transformer; ≤ 0 turns every transformer below red. */
    @Transactional
    void setUpstreamCapacity(Object rawId, Double openCapacityKw, LocalDate publishedOn) {
        Viewer v = Access.requireStaff("setGridUpstreamCapacity");
        long id = Ids.parse("id", rawId);
        List<Map<String, Object>> rows = jdbc.queryForList("SELECT county_code, open_capacity_kw, published_on FROM grid_upstream WHERE id = :id FOR UPDATE",
                Map.of("id", id));
        if (rows.isEmpty()) {
            throw ApiException.notFound("id", "no 10 kV line or main transformer with id " + id);
        }
        String county = (String) rows.get(0).get("county_code");
        if (!v.isStaffIn(county)) {
            throw new ApiException(ApiException.Code.FORBIDDEN, "id", "line " + id + " is in county " + county
                    + ", outside the counties of account " + v.username() + "; nothing was changed");
        }
        if (openCapacityKw == null || !Double.isFinite(openCapacityKw) || Math.abs(openCapacityKw) > 10_000_000) {
            throw ApiException.badInput("openCapacityKw", "the published open capacity in kW (≤ 0: none, red), at most ±10,000,000, got " + openCapacityKw);
        }
        if (publishedOn != null && publishedOn.isAfter(LocalDate.now())) {
            throw ApiException.badInput("publishedOn", publishedOn + " is in the future");
        }
        Map<String, Object> before = new LinkedHashMap<>();
        before.put("openCapacityKw", rows.get(0).get("open_capacity_kw"));
        before.put("publishedOn", rows.get(0).get("published_on") == null ? "" : rows.get(0).get("published_on").toString());
        jdbc.update("UPDATE grid_upstream SET open_capacity_kw = :kw, published_on = coalesce(:on, published_on) WHERE id = :id",
                new MapSqlParameterSource("id", id).addValue("kw", openCapacityKw).addValue("on", publishedOn));
        // The transformers below (on the line, or on a line under this main transformer) change grade: their tiles are drawn anew.
        int below = jdbc.update("""
                UPDATE distribution_transformer SET version = version
                WHERE upstream_id = :id OR upstream_id IN (SELECT u.id FROM grid_upstream u WHERE u.parent_id = :id)""", Map.of("id", id));
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("openCapacityKw", openCapacityKw);
        after.put("publishedOn", publishedOn == null ? before.get("publishedOn") : publishedOn.toString());
        after.put("transformersBelow", below);
        audit.record("setGridUpstreamCapacity", "grid_upstream", id, county, before, after);
    }

    private static Map<String, Object> figures(Map<String, Object> row) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ratedKva", row.get("rated_kva"));
        m.put("minNoonLoadKw", row.get("min_noon_load_kw"));
        m.put("otherGenerationKw", row.get("other_generation_kw"));
        m.put("storageChargeKw", row.get("storage_charge_kw"));
        m.put("parallelCount", row.get("parallel_count"));
        m.put("pvHostingRatio", row.get("pv_hosting_ratio") == null ? "" : row.get("pv_hosting_ratio"));
        m.put("upstreamId", row.get("upstream_id") == null ? "" : row.get("upstream_id"));
        return m;
    }

    private static void required(Double value, String argument) {
        if (value == null || value.isNaN() || value < 0 || value > 1_000_000) {
            throw ApiException.badInput(argument, "kW, at least 0 (at most 1,000,000), got " + value);
        }
    }
}
