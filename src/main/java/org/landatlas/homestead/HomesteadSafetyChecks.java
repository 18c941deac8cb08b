package org.landatlas.homestead;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.landatlas.platform.ApiException;
import org.landatlas.platform.Ids;
import org.landatlas.security.Access;
import org.landatlas.security.AuditLog;
import org.landatlas.security.ScopedRows;
import org.landatlas.security.Viewer;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * House safety checks (农房安全排查, 农村房屋安全鉴定): many houses at once, all or nothing. Each check is kept in
 * {@code homestead_safety_check}; the house's current condition, grade and check day follow its latest check (a
 * check older than the one on record goes to the history only); a check may also record the homestead's occupancy
 * with its evidence (an occupied homestead found idle, an idle one occupied again). Staff of the homesteads'
 * counties, on the versions they saw; every check audited. The homestead layer's tiles follow through the NOTIFY
 * triggers of {@code homestead} and {@code rural_house} (V10, V27).
 */
@Component
class HomesteadSafetyChecks {

    static final String ACTION = "recordHouseSafetyChecks";
    static final Set<String> CONDITIONS = Set.of("good", "fair", "poor", "dangerous");
    /** 农村房屋安全鉴定: A 安全, B 基本安全, C 局部危房, D 整栋危房; C and D are dangerous houses (危房). */
    static final Set<String> GRADES = Set.of("A", "B", "C", "D");
    static final Set<String> DANGEROUS_GRADES = Set.of("C", "D");
    static final Set<String> STRUCTURES = Set.of("brick_concrete", "brick_wood", "wood", "earth", "steel", "stone", "other");
    static final Set<String> OCCUPANCIES = Set.of("occupied", "seasonal", "idle", "abandoned");
    static final Set<String> IDLE = Set.of("idle", "abandoned");
    /** Statuses a homestead may be recorded occupied in: outside the workflow, or out of it (withdrawn). */
    static final Set<String> OCCUPIABLE = Set.of("none", "idle", "withdrawn");
    static final int MAX_TEXT = 2000;

    private final NamedParameterJdbcTemplate jdbc;
    private final AuditLog audit;

    HomesteadSafetyChecks(NamedParameterJdbcTemplate jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /** A check as given, its values checked and normalized. */
    private record Check(int index, long homesteadId, Long houseId, int expectedVersion, LocalDate checkedOn, String condition, String grade,
                         String structure, String findings, String documentRef, String occupancy, LocalDate idleSince, String idleEvidence,
                         String idleEvidenceNote) {
        String arg(String field) {
            return "checks[" + index + "]." + field;
        }
    }

    private record Homestead(long id, String name, String county, String status, int version, String occupancy, LocalDate idleSince) {
    }

    private record House(long id, long homesteadId, String condition, String grade, LocalDate checkedOn, String structure) {
    }

    /** Records the checks; answers the homesteads concerned in the order first named. Nothing is written if one check is refused. */
    @Transactional
    List<Long> record(List<HomesteadInputs.SafetyCheck> input) {
        Viewer v = Access.requireStaff(ACTION);
        if (input == null || input.isEmpty()) {
            throw ApiException.badInput("checks", "give at least one check");
        }
        if (input.size() > ScopedRows.MAX_ROWS) {
            throw ApiException.badInput("checks", input.size() + " checks; at most " + ScopedRows.MAX_ROWS + " per call");
        }
        List<Check> checks = new ArrayList<>(input.size());
        for (int i = 0; i < input.size(); i++) {
            checks.add(parse(i, input.get(i)));
        }

        // Lock the homesteads and their houses (id order, so concurrent batches queue instead of deadlocking).
        Set<Long> ids = new TreeSet<>();
        checks.forEach(c -> ids.add(c.homesteadId()));
        Map<Long, Homestead> homesteads = new HashMap<>();
        jdbc.query("""
                SELECT id, coalesce(certificate_no, id::text), county_code, revitalization_status, version, occupancy, idle_since
                FROM homestead WHERE id IN (:ids) ORDER BY id FOR UPDATE""", Map.of("ids", ids), rs -> {
            homesteads.put(rs.getLong(1), new Homestead(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5), rs.getString(6),
                    rs.getDate(7) == null ? null : rs.getDate(7).toLocalDate()));
        });
        Map<Long, House> houses = new HashMap<>();
        Map<Long, List<Long>> housesOf = new HashMap<>();
        jdbc.query("""
                SELECT id, homestead_id, condition, safety_grade, safety_checked_on, structure FROM rural_house
                WHERE homestead_id IN (:ids) ORDER BY id FOR UPDATE""", Map.of("ids", ids), rs -> {
            House h = new House(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                    rs.getDate(5) == null ? null : rs.getDate(5).toLocalDate(), rs.getString(6));
            houses.put(h.id(), h);
            housesOf.computeIfAbsent(h.homesteadId(), k -> new ArrayList<>()).add(h.id());
        });

        // Every check against what is stored, before anything is written.
        List<Long> houseOf = new ArrayList<>(checks.size());
        Map<Long, Check> occupancyBy = new HashMap<>();
        for (Check c : checks) {
            Homestead h = homesteads.get(c.homesteadId());
            if (h == null) {
                throw ApiException.notFound(c.arg("homesteadId"), "no homestead with id " + c.homesteadId() + "; nothing was recorded");
            }
            if (!v.isStaffIn(h.county())) {
                throw new ApiException(ApiException.Code.FORBIDDEN, c.arg("homesteadId"), "homestead " + h.name() + " is in county " + h.county()
                        + ", outside the counties of account " + v.username() + "; nothing was recorded");
            }
            if (h.version() != c.expectedVersion()) {
                throw ApiException.staleVersion(c.arg("expectedVersion"), "homestead " + h.name(), h.version(), c.expectedVersion());
            }
            List<Long> own = housesOf.getOrDefault(h.id(), List.of());
            long house;
            if (c.houseId() != null) {
                if (!own.contains(c.houseId())) {
                    throw ApiException.badInput(c.arg("houseId"), "house " + c.houseId() + " is not a house of homestead " + h.name()
                            + (own.isEmpty() ? " (it has none recorded)" : " (its houses: " + own + ")"));
                }
                house = c.houseId();
            } else if (own.size() == 1) {
                house = own.get(0);
            } else {
                throw ApiException.badInput(c.arg("houseId"), own.isEmpty() ? "homestead " + h.name() + " has no house recorded to check"
                        : "homestead " + h.name() + " has " + own.size() + " houses " + own + "; say which was checked");
            }
            houseOf.add(house);
            if (c.occupancy() != null) {
                Check earlier = occupancyBy.putIfAbsent(h.id(), c);
                if (earlier != null && !(earlier.occupancy().equals(c.occupancy()) && java.util.Objects.equals(earlier.idleSince(), c.idleSince())
                        && java.util.Objects.equals(earlier.idleEvidence(), c.idleEvidence()))) {
                    throw ApiException.badInput(c.arg("occupancy"), "homestead " + h.name() + " is given another occupancy by checks[" + earlier.index() + "]");
                }
                if (!IDLE.contains(c.occupancy()) && !OCCUPIABLE.contains(h.status())) {
                    throw ApiException.badInput(c.arg("occupancy"), "homestead " + h.name() + " is " + h.status().toUpperCase(Locale.ROOT)
                            + " for revitalization; it cannot be recorded " + c.occupancy().toUpperCase(Locale.ROOT) + " unless it is withdrawn first (withdrawHomestead)");
                }
                if (IDLE.contains(c.occupancy())) {
                    LocalDate since = c.idleSince() != null ? c.idleSince() : h.idleSince();
                    if (since == null) {
                        throw ApiException.badInput(c.arg("idleSince"), "give the day homestead " + h.name() + " has been idle since");
                    }
                    if (since.isAfter(c.checkedOn())) {
                        throw ApiException.badInput(c.arg("idleSince"), "idle since " + since + ", after the check on " + c.checkedOn());
                    }
                }
            }
        }

        // Write: the history, then the houses (only where the check is not older than the one on record), the homesteads once each.
        String by = v.username();
        for (int i = 0; i < checks.size(); i++) {
            Check c = checks.get(i);
            long houseId = houseOf.get(i);
            House old = houses.get(houseId);
            Long checkId = jdbc.queryForObject("""
                    INSERT INTO homestead_safety_check (county_code, homestead_id, house_id, checked_on, condition, safety_grade, structure, findings, document_ref,
                        occupancy, idle_evidence, checked_by)
                    VALUES (:county, :h, :house, :on, :cond, :grade, :structure, :findings, :doc, :occ, :ev, :by) RETURNING id""",
                    new MapSqlParameterSource("h", c.homesteadId()).addValue("county", homesteads.get(c.homesteadId()).county()).addValue("house", houseId).addValue("on", c.checkedOn()).addValue("cond", c.condition())
                            .addValue("grade", c.grade()).addValue("structure", c.structure()).addValue("findings", c.findings())
                            .addValue("doc", c.documentRef()).addValue("occ", c.occupancy()).addValue("ev", c.idleEvidence()).addValue("by", by), Long.class);
            int current = jdbc.update("""
                    UPDATE rural_house SET condition = :cond, safety_grade = :grade, safety_checked_on = :on, structure = coalesce(:structure, structure)
                    WHERE id = :house AND (safety_checked_on IS NULL OR safety_checked_on <= :on)""",
                    new MapSqlParameterSource("cond", c.condition()).addValue("grade", c.grade()).addValue("on", c.checkedOn())
                            .addValue("structure", c.structure()).addValue("house", houseId));
            Homestead h = homesteads.get(c.homesteadId());
            Map<String, Object> was = new LinkedHashMap<>();
            was.put("houseId", houseId);
            was.put("condition", old.condition().toUpperCase(Locale.ROOT));
            was.put("safetyGrade", old.grade());
            was.put("safetyCheckedOn", old.checkedOn() == null ? null : old.checkedOn().toString());
            was.put("structure", old.structure());
            was.put("occupancy", h.occupancy().toUpperCase(Locale.ROOT));
            was.put("version", h.version());
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("safetyCheckId", checkId);
            after.put("houseId", houseId);
            after.put("checkedOn", c.checkedOn().toString());
            after.put("condition", c.condition().toUpperCase(Locale.ROOT));
            after.put("safetyGrade", c.grade());
            after.put("structure", c.structure());
            after.put("documentRef", c.documentRef());
            after.put("current", current == 1);
            if (c.occupancy() != null) {
                after.put("occupancy", c.occupancy().toUpperCase(Locale.ROOT));
                after.put("idleEvidence", c.idleEvidence());
            }
            audit.record(ACTION, "homestead", h.id(), h.county(), was, after);
            // The old state of a house checked twice in one call is what the second check found by the first.
            houses.put(houseId, current == 1 ? new House(houseId, old.homesteadId(), c.condition(), c.grade(), c.checkedOn(),
                    c.structure() == null ? old.structure() : c.structure()) : old);
        }
        List<Long> answer = new ArrayList<>(new LinkedHashSet<>(checks.stream().map(Check::homesteadId).toList()));
        for (long id : answer) {
            Homestead h = homesteads.get(id);
            Check occ = occupancyBy.get(id);
            if (occ == null) {
                jdbc.update("UPDATE homestead SET version = version + 1, updated_at = now(), updated_by = :by WHERE id = :id", Map.of("by", by, "id", id));
                continue;
            }
            boolean idle = IDLE.contains(occ.occupancy());
            String status = h.status();
            if (idle && "none".equals(status)) {
                status = "idle";
            } else if (!idle && "idle".equals(status)) {
                status = "none";
            }
            jdbc.update("""
                    UPDATE homestead SET occupancy = :occ, idle_since = :since, idle_evidence = :ev, idle_evidence_note = :note,
                        revitalization_status = :status, version = version + 1, updated_at = now(), updated_by = :by WHERE id = :id""",
                    new MapSqlParameterSource("occ", occ.occupancy()).addValue("since", idle ? (occ.idleSince() != null ? occ.idleSince() : h.idleSince()) : null)
                            .addValue("ev", idle ? occ.idleEvidence() : null).addValue("note", idle ? occ.idleEvidenceNote() : null)
                            .addValue("status", status).addValue("by", by).addValue("id", id));
            if (!status.equals(h.status())) {
                jdbc.update("""
                        INSERT INTO homestead_status_history (county_code, homestead_id, from_status, to_status, changed_at, changed_by, reason)
                        VALUES (:county, :id, :from, :to, now(), :by, :reason)""",
                        new MapSqlParameterSource("id", id).addValue("county", h.county()).addValue("from", h.status()).addValue("to", status).addValue("by", by)
                                .addValue("reason", "农房安全排查 safety check " + occ.checkedOn() + ": " + occ.occupancy()));
            }
        }
        return answer;
    }

    /** The values of one check alone, refused naming checks[i].field. */
    private static Check parse(int i, HomesteadInputs.SafetyCheck in) {
        String arg = "checks[" + i + "]";
        if (in == null) {
            throw ApiException.badInput(arg, "give the check");
        }
        long homestead = Ids.parse(arg + ".homesteadId", in.homesteadId());
        Long house = in.houseId() == null ? null : Ids.parse(arg + ".houseId", in.houseId());
        if (in.expectedVersion() == null) {
            throw ApiException.badInput(arg + ".expectedVersion", "give the version you edited (the homestead's version field), so a change made meanwhile is not overwritten");
        }
        if (in.checkedOn() == null) {
            throw ApiException.badInput(arg + ".checkedOn", "give the day of the check");
        }
        if (in.checkedOn().isAfter(LocalDate.now())) {
            throw ApiException.badInput(arg + ".checkedOn", in.checkedOn() + " is in the future");
        }
        String condition = lower(in.condition());
        if (condition == null || !CONDITIONS.contains(condition)) {
            throw ApiException.badInput(arg + ".condition", "give the condition found: GOOD, FAIR, POOR or DANGEROUS");
        }
        String grade = in.safetyGrade() == null ? null : in.safetyGrade().toUpperCase(Locale.ROOT);
        if (grade != null && !GRADES.contains(grade)) {
            throw ApiException.badInput(arg + ".safetyGrade", "give the grade A, B, C or D of the 农村房屋安全鉴定");
        }
        if ("dangerous".equals(condition) && (grade == null || !DANGEROUS_GRADES.contains(grade))) {
            throw ApiException.badInput(arg + ".safetyGrade", "a dangerous house (危房) is graded C 局部危房 or D 整栋危房 by the check"
                    + (grade == null ? "; give the grade" : ", not " + grade));
        }
        if (grade != null && DANGEROUS_GRADES.contains(grade) && !"dangerous".equals(condition)) {
            throw ApiException.badInput(arg + ".condition", "grade " + grade + " is a dangerous house (危房): the condition is DANGEROUS, not " + condition.toUpperCase(Locale.ROOT));
        }
        String structure = lower(in.structure());
        if (structure != null && !STRUCTURES.contains(structure)) {
            throw ApiException.badInput(arg + ".structure", "give BRICK_CONCRETE, BRICK_WOOD, WOOD, EARTH, STEEL, STONE or OTHER");
        }
        String findings = text(in.findings(), arg + ".findings");
        String doc = text(in.documentRef(), arg + ".documentRef");
        String occupancy = lower(in.occupancy());
        String evidence = lower(in.idleEvidence());
        if (occupancy != null && !OCCUPANCIES.contains(occupancy)) {
            throw ApiException.badInput(arg + ".occupancy", "give OCCUPIED, SEASONAL, IDLE or ABANDONED");
        }
        if (occupancy == null && (evidence != null || in.idleSince() != null || in.idleEvidenceNote() != null)) {
            throw ApiException.badInput(arg + ".occupancy", "give the occupancy the idleness evidence is for (IDLE or ABANDONED)");
        }
        if (occupancy != null && IDLE.contains(occupancy) && (evidence == null || !HomesteadWorkflow.EVIDENCE.contains(evidence))) {
            throw ApiException.badInput(arg + ".idleEvidence", "give the evidence of idleness: UTILITY_METERS, VILLAGE_COMMITTEE, FIELD_SURVEY, NEIGHBOURS or OTHER");
        }
        if (occupancy != null && !IDLE.contains(occupancy) && (evidence != null || in.idleSince() != null)) {
            throw ApiException.badInput(arg + ".idleEvidence", "a homestead " + occupancy.toUpperCase(Locale.ROOT) + " has no idleness to give evidence of");
        }
        return new Check(i, homestead, house, in.expectedVersion(), in.checkedOn(), condition, grade, structure, findings, doc, occupancy, in.idleSince(),
                evidence, text(in.idleEvidenceNote(), arg + ".idleEvidenceNote"));
    }

    private static String text(String s, String arg) {
        if (s == null || s.isBlank()) {
            return null;
        }
        if (s.length() > MAX_TEXT) {
            throw ApiException.badInput(arg, "at most " + MAX_TEXT + " characters");
        }
        return s.strip();
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }
}
