package org.landatlas.circulation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import graphql.schema.DataFetchingFieldSelectionSet;
import org.landatlas.platform.ApiException;
import org.landatlas.platform.Batches;
import org.landatlas.platform.Connections;
import org.landatlas.platform.Ids;
import org.landatlas.platform.RecordArgument;
import org.landatlas.platform.SqlRows;
import org.landatlas.region.AdminUnitQueries;
import org.landatlas.security.Access;
import org.landatlas.security.Masking;
import org.landatlas.security.Viewer;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Controller;

/** GraphQL of contract work (circulation-contract.graphqls): the mutations, a parcel's circulation history and the contract's details. */
@Controller
class ContractController {

    private final ContractService service;
    private final CirculationQueries queries;
    private final NamedParameterJdbcTemplate jdbc;
    private final AdminUnitQueries units;

    ContractController(ContractService service, CirculationQueries queries, NamedParameterJdbcTemplate jdbc, AdminUnitQueries units) {
        this.service = service;
        this.queries = queries;
        this.jdbc = jdbc;
        this.units = units;
    }

    @MutationMapping
    Map<String, Object> createTransferee(@RecordArgument ContractInputs.NewTransferee input, DataFetchingFieldSelectionSet selection) {
        long id = service.createTransferee(input);
        return queries.byIds(CirculationQueries.TRANSFEREE, "transferee", List.of(id)).get(0);
    }

    @MutationMapping
    Map<String, Object> createContract(@RecordArgument ContractInputs.Contract input, DataFetchingFieldSelectionSet selection) {
        return queries.contract(service.createContract(input), selection);
    }

    @MutationMapping
    Map<String, Object> updateContract(@Argument String id, @RecordArgument ContractInputs.Contract input, @Argument Integer expectedVersion,
                                       DataFetchingFieldSelectionSet selection) {
        if (expectedVersion == null) {
            throw ApiException.badInput("expectedVersion", "give the version you edited (the contract's version field)");
        }
        service.updateContract(id, input, expectedVersion);
        return queries.contract(id, selection);
    }

    @MutationMapping
    Map<String, Object> signContract(@Argument String id, @Argument LocalDate signedOn, @Argument Integer expectedVersion, DataFetchingFieldSelectionSet selection) {
        service.transition("signContract", id, "signed", expectedVersion, null, signedOn, null);
        return queries.contract(id, selection);
    }

    @MutationMapping
    Map<String, Object> fileContract(@Argument String id, @Argument String filingNo, @Argument LocalDate filedOn, @Argument Integer expectedVersion,
                                     DataFetchingFieldSelectionSet selection) {
        service.transition("fileContract", id, "filed", expectedVersion, null, filedOn, filingNo);
        return queries.contract(id, selection);
    }

    @MutationMapping
    Map<String, Object> activateContract(@Argument String id, @Argument Integer expectedVersion, DataFetchingFieldSelectionSet selection) {
        service.transition("activateContract", id, "active", expectedVersion, null, null, null);
        return queries.contract(id, selection);
    }

    @MutationMapping
    Map<String, Object> terminateContract(@Argument String id, @Argument String reason, @Argument LocalDate terminatedOn, @Argument Integer expectedVersion,
                                          DataFetchingFieldSelectionSet selection) {
        if (reason == null || reason.isBlank()) {
            throw ApiException.badInput("reason", "say why the contract is terminated (解除原因)");
        }
        service.transition("terminateContract", id, "terminated", expectedVersion, reason, terminatedOn, null);
        return queries.contract(id, selection);
    }

    @MutationMapping
    Map<String, Object> registerMortgage(@Argument String contractId, @RecordArgument ContractInputs.Mortgage input, @Argument Integer expectedVersion) {
        return mortgage(service.registerMortgage(contractId, input, expectedVersion));
    }

    @MutationMapping
    Map<String, Object> releaseMortgage(@Argument String id, @Argument LocalDate releasedOn, @Argument String reason) {
        service.releaseMortgage(id, releasedOn, reason);
        return mortgage(Ids.parse("id", id));
    }

    @MutationMapping
    Map<String, Object> recordDividend(@Argument String contractId, @Argument Integer year, @Argument Double declaredProfitYuan, @Argument LocalDate paidOn) {
        long id = service.recordDividend(contractId, year, declaredProfitYuan, paidOn);
        Map<String, Object> d = jdbc.query(DIVIDENDS + " WHERE d.id = :ids", Map.of("ids", id), SqlRows.ROWS).get(0);
        return withShares(List.of(d)).get(0);
    }

    /** The contracts that held a parcel (any status, oldest first) and the mortgages on them: staff of the parcel's county. */
    @QueryMapping
    Map<String, Object> parcelCirculationHistory(@Argument String parcelId) {
        long parcel = Ids.parse("parcelId", parcelId);
        List<String> county = jdbc.queryForList("""
                SELECT c.county_code FROM circulation_contract_parcel cp JOIN circulation_contract c ON c.id = cp.contract_id WHERE cp.parcel_id = :p LIMIT 1""",
                Map.of("p", parcel), String.class);
        Viewer v = Access.requireStaff("parcelCirculationHistory");
        Map<String, Object> out = new HashMap<>();
        out.put("parcelId", String.valueOf(parcel));
        if (county.isEmpty() || !v.isStaffIn(county.get(0))) {
            out.put("contracts", List.of());
            out.put("mortgages", List.of());
            return out;
        }
        List<Long> ids = jdbc.queryForList("""
                SELECT c.id FROM circulation_contract_parcel cp JOIN circulation_contract c ON c.id = cp.contract_id
                WHERE cp.parcel_id = :p ORDER BY c.term_start, c.id""", Map.of("p", parcel), Long.class);
        out.put("contracts", Connections.byIds(jdbc, queries.CONTRACT, "circulation_contract", ids));
        out.put("mortgages", jdbc.query(MORTGAGES + " WHERE m.contract_id IN (:ids) ORDER BY m.registered_on, m.id", Map.of("ids", ids), SqlRows.ROWS));
        return out;
    }

    /**
     * The households of a village for the contract form's transferor picker: staff of the village's county only;
     * names, ID numbers and phones masked without the personal-data permission there. The search matches the
     * household number only: a search by name would tell a masked viewer whose household it is.
     */
    @QueryMapping
    List<Map<String, Object>> villageHouseholds(@Argument String villageCode, @Argument String search, @Argument Integer first) {
        Access.requireStaff("villageHouseholds");
        if (villageCode == null || !villageCode.matches("[0-9]{12}")) {
            throw ApiException.badInput("villageCode", "must be the 12-digit code of a village, got " + villageCode);
        }
        String county = villageCode.substring(0, 6);
        Viewer v = Access.requireStaffIn(county, "villageHouseholds");
        if (!units.villageCodes(county).contains(villageCode)) {
            throw ApiException.badInput("villageCode", "no village with code " + villageCode + " in county " + county);
        }
        int limit = first == null ? 50 : first;
        if (limit < 1 || limit > 200) {
            throw ApiException.badInput("first", "between 1 and 200, got " + limit);
        }
        String s = search == null ? "" : search.strip();
        if (s.length() > 22) {
            throw ApiException.badInput("search", "at most 22 characters (a household number), got " + s.length());
        }
        String like = "%" + s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return jdbc.query("""
                SELECT h.id, h.household_no, h.members, i.head_name, i.id_number, i.phone
                FROM household h JOIN personal.household_identity i ON i.household_id = h.id
                WHERE h.village_code = :v AND h.household_no LIKE :like
                ORDER BY h.household_no LIMIT :n""", Map.of("v", villageCode, "like", like, "n", limit), (rs, n) -> {
            Map<String, Object> m = Masking.person(v, county, "headName", rs.getString("head_name"), rs.getString("id_number"), rs.getString("phone"));
            m.put("id", rs.getString("id"));
            m.put("householdNo", rs.getString("household_no"));
            m.put("members", rs.getInt("members"));
            return m;
        });
    }

    private static final String MORTGAGES = """
            SELECT m.id AS "id", m.contract_id AS "owner", m.contract_id::text AS "contractId", c.contract_no AS "contractNo", m.lender AS "lender",
                   m.amount_yuan::float8 AS "amountYuan", m.term_start AS "termStart", m.term_end AS "termEnd", m.registered_on AS "registeredOn",
                   m.released_on AS "releasedOn", m.release_reason AS "releaseReason"
            FROM circulation_mortgage m JOIN circulation_contract c ON c.id = m.contract_id""";

    private static final String DIVIDENDS = """
            SELECT d.id AS "id", d.contract_id AS "owner", d.year AS "year", d.declared_profit_yuan::float8 AS "declaredProfitYuan",
                   d.total_yuan::float8 AS "totalYuan", d.paid_on AS "paidOn", d.recorded_by AS "recordedBy"
            FROM circulation_dividend d""";

    private Map<String, Object> mortgage(long id) {
        return jdbc.query(MORTGAGES + " WHERE m.id = :ids", Map.of("ids", id), SqlRows.ROWS).get(0);
    }

    // ------------------------------------------------------------ details of a contract (staff of its county: contracts reach nobody else)

    @BatchMapping(typeName = "CirculationContract")
    List<List<Map<String, Object>>> payments(List<Map<String, Object>> contracts) {
        return queries.children("""
                SELECT contract_id AS "owner", due_on AS "dueOn", amount_yuan::float8 AS "amountYuan", paid AS "paid"
                FROM circulation_contract_payment WHERE contract_id IN (:ids) ORDER BY due_on""", ids(contracts));
    }

    @BatchMapping(typeName = "CirculationContract")
    List<List<Map<String, Object>>> parcelShares(List<Map<String, Object>> contracts) {
        return queries.children("""
                SELECT contract_id AS "owner", parcel_id::text AS "parcelId", area_mu::float8 AS "areaMu"
                FROM circulation_contract_parcel WHERE contract_id IN (:ids) ORDER BY parcel_id""", ids(contracts));
    }

    @BatchMapping(typeName = "CirculationContract")
    List<List<Map<String, Object>>> mortgages(List<Map<String, Object>> contracts) {
        return queries.children(MORTGAGES + " WHERE m.contract_id IN (:ids) ORDER BY m.registered_on, m.id", ids(contracts));
    }

    @BatchMapping(typeName = "CirculationContract")
    List<List<Map<String, Object>>> dividends(List<Map<String, Object>> contracts) {
        List<List<Map<String, Object>>> byContract = queries.children(DIVIDENDS + " WHERE d.contract_id IN (:ids) ORDER BY d.year", ids(contracts));
        List<Map<String, Object>> all = byContract.stream().flatMap(List::stream).toList();
        withShares(all);
        return byContract;
    }

    @BatchMapping(typeName = "CirculationContract")
    Map<Map<String, Object>, Map<String, Object>> collective(List<Map<String, Object>> contracts) {
        return Batches.bySource(contracts, units.byCodes(contracts.stream().map(r -> (String) r.get("collectiveVillageCode")).toList()));
    }

    /**
     * The shareholders of each equity contract. Households are personal data: their head's name is masked
     * without the personal-data permission in the contract's county (as the transferors are).
     */
    @BatchMapping(typeName = "CirculationContract")
    List<List<Map<String, Object>>> shareholders(List<Map<String, Object>> contracts) {
        Viewer v = Viewer.current();
        Map<Long, String> county = Access.staffRows(v, contracts);
        Map<Long, List<Map<String, Object>>> byContract = new HashMap<>();
        if (!county.isEmpty()) {
            jdbc.query("""
                    SELECT s.id, s.contract_id, s.share_pct::float8 AS share, s.collective_village_code, h.household_no, i.head_name
                    FROM circulation_contract_shareholder s LEFT JOIN household h ON h.id = s.household_id
                    LEFT JOIN personal.household_identity i ON i.household_id = h.id
                    WHERE s.contract_id IN (:ids) ORDER BY s.contract_id, s.id""", Map.of("ids", county.keySet()), rs -> {
                long contract = rs.getLong("contract_id");
                Map<String, Object> m = new HashMap<>();
                m.put("id", rs.getString("id"));
                m.put("sharePct", rs.getDouble("share"));
                m.put("householdNo", rs.getString("household_no"));
                m.put("collectiveVillageCode", rs.getString("collective_village_code"));
                m.put("name", rs.getString("head_name") == null ? null : Masking.name(v, county.get(contract), rs.getString("head_name")));
                byContract.computeIfAbsent(contract, k -> new ArrayList<>()).add(m);
            });
        }
        return contracts.stream().map(c -> byContract.getOrDefault(((Number) c.get("id")).longValue(), List.of())).toList();
    }

    private List<Map<String, Object>> withShares(List<Map<String, Object>> dividends) {
        if (dividends.isEmpty()) {
            return dividends;
        }
        List<Long> ids = dividends.stream().map(d -> ((Number) d.get("id")).longValue()).toList();
        List<List<Map<String, Object>>> shares = queries.children("""
                SELECT x.dividend_id AS "owner", x.shareholder_id::text AS "shareholderId", x.amount_yuan::float8 AS "amountYuan", s.share_pct::float8 AS "sharePct"
                FROM circulation_dividend_share x JOIN circulation_contract_shareholder s ON s.id = x.shareholder_id
                WHERE x.dividend_id IN (:ids) ORDER BY x.shareholder_id""", ids);
        for (int i = 0; i < dividends.size(); i++) {
            dividends.get(i).put("shares", shares.get(i));
        }
        return dividends;
    }

    private static List<Long> ids(List<Map<String, Object>> rows) {
        return rows.stream().map(r -> ((Number) r.get("id")).longValue()).toList();
    }
}
