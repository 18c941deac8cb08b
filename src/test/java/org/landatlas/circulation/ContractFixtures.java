package org.landatlas.circulation;

import java.util.List;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.JdbcTemplate;

/** Demo rows that contract tests build on, and the GraphQL input of a contract over them. Public: SecurityTest uses it too. */
public final class ContractFixtures {

    private ContractFixtures() {
    }

    /**
     * Cropland parcels of a county that no contract (other than ended ones) and no listing on offer holds, so a new
     * contract over them meets only the rule under test. {@code pbf} picks permanent basic farmland or not.
     */
    public static List<Long> freeParcels(JdbcTemplate jdbc, String county, int n, boolean pbf) {
        List<Long> ids = jdbc.queryForList("""
                SELECT p.id FROM land_parcel p JOIN land_class c ON c.class_system = p.class_system AND c.code = p.dlbm
                WHERE p.county_code = ? AND c.class_group = 'farmland' AND coalesce(p.is_permanent_basic_farmland, false) = ? AND p.area_mu > 1
                  AND NOT EXISTS (SELECT 1 FROM circulation_contract_parcel cp JOIN circulation_contract k ON k.id = cp.contract_id
                                  WHERE cp.parcel_id = p.id AND k.status NOT IN ('terminated', 'expired'))
                  AND NOT EXISTS (SELECT 1 FROM circulation_listing_parcel lp JOIN circulation_listing l ON l.id = lp.listing_id
                                  WHERE lp.parcel_id = p.id AND l.status IN ('listed', 'negotiating'))
                ORDER BY p.id LIMIT ?""", Long.class, county, pbf, n);
        if (ids.size() < n) {
            throw new IllegalStateException("county " + county + " has " + ids.size() + " free cropland parcels (pbf " + pbf + "), " + n + " needed");
        }
        return ids;
    }

    public static long household(JdbcTemplate jdbc, String county, int nth) {
        return jdbc.queryForObject("SELECT id FROM household WHERE village_code LIKE ? || '%' ORDER BY id OFFSET ? LIMIT 1", Long.class, county, nth);
    }

    /** A transferee of the county made directly (a large grower: no credit code needed). */
    public static long transferee(JdbcTemplate jdbc, String county, String name) {
        return jdbc.queryForObject("""
                INSERT INTO transferee (county_code, kind, name, synthetic) VALUES (?, 'large_grower', ?, false)
                ON CONFLICT (county_code, name) DO UPDATE SET kind = excluded.kind RETURNING id""", Long.class, county, name);
    }

    /**
     * A ContractInput literal: mode, parcels, one household with 0.5 mu, the term, the use; {@code extra} is
     * appended inside the braces (e.g. {@code supervision: true}).
     */
    public static String input(String county, long transferee, List<Long> parcels, long household, String mode, String start, String end, String use,
                               String extra) {
        return "{ countyCode: \"" + county + "\", transfereeId: \"" + transferee + "\", mode: " + mode + ", parcels: ["
                + parcels.stream().map(p -> "{ parcelId: \"" + p + "\" }").collect(Collectors.joining(", ")) + "], transferors: [{ householdId: \""
                + household + "\", areaMu: 0.5 }], termStart: \"" + start + "\", termEnd: \"" + end + "\", priceYuanPerMuYear: 600, use: " + use
                + (extra == null ? "" : ", " + extra) + " }";
    }
}
