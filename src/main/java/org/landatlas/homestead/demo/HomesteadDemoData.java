package org.landatlas.homestead.demo;

import static org.landatlas.demodata.DemoGeometry.round2;
import static org.landatlas.demodata.DemoGeometry.shrink;

import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;

import org.landatlas.demodata.CopyTable;
import org.landatlas.demodata.DemoCounty;
import org.landatlas.demodata.DemoDataPart;
import org.landatlas.demodata.DemoParcel;
import org.landatlas.demodata.DemoTable;
import org.landatlas.demodata.DemoVillage;
import org.landatlas.demodata.Geodesy;
import org.landatlas.demodata.People;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * A homestead on every homestead plot, held by one of the village's households, with its house; idle ones are
 * offered, negotiated or revitalized (homestays, catering, e-commerce …). Sound roofs are offered for PV, and
 * revitalized homestays open as places on the map.
 */
@Component
@Order(500)
class HomesteadDemoData implements DemoDataPart {

    static final DemoTable HOMESTEAD = DemoTable.serial("homestead", "id", "county_code", "village_code", "parcel_id", "household_id",
            "certificate_no", "site_area_m2", "approved_area_m2", "occupancy", "idle_since", "idle_evidence", "surveyed_on", "revitalization_status",
            "revitalized_on", "consent_on", "consent_document", "synthetic", "geom");
    static final DemoTable HOUSE = DemoTable.serial("rural_house", "id", "homestead_id", "floor_area_m2", "floors", "structure",
            "built_year", "condition", "safety_grade", "safety_checked_on", "footprint", "county_code");
    static final DemoTable REVITALIZATION = DemoTable.serial("homestead_revitalization", "id", "homestead_id", "mode",
            "counterparty_kind", "counterparty_name", "new_use", "term_start", "term_end", "annual_rent_yuan", "investment_wan_yuan",
            "status", "approved_on", "income_household_yuan", "income_collective_yuan", "synthetic", "county_code");
    static final DemoTable HISTORY = DemoTable.serial("homestead_status_history", "id", "homestead_id", "from_status", "to_status", "changed_at",
            "changed_by", "reason", "county_code");
    /** The safety check that graded each dangerous demo house D: its history row, so a house's grade always has a check behind it. */
    static final DemoTable SAFETY_CHECK = DemoTable.serial("homestead_safety_check", "id", "homestead_id", "house_id", "checked_on", "condition",
            "safety_grade", "structure", "findings", "checked_by", "county_code");

    @Override
    public List<DemoTable> tables() {
        return List.of(HOMESTEAD, HOUSE, REVITALIZATION, HISTORY, SAFETY_CHECK);
    }

    @Override
    public CountyWork start(DemoCounty county) {
        Homesteads homesteads = new Homesteads(county);
        return new CountyWork() {
            @Override
            public void village(DemoVillage village) {
                homesteads.nextHolder = 0;
            }

            @Override
            public void plot(DemoParcel parcel) {
                if ("0702".equals(parcel.landClass())) {
                    homesteads.build(parcel);
                }
            }
        };
    }

    private static final class Homesteads {
        private final DemoCounty c;
        private final String county;
        private final SplittableRandom rnd;
        private final CopyTable homesteads;
        private final CopyTable houses;
        private final CopyTable revitalizations;
        private final CopyTable history;
        private final CopyTable safetyChecks;
        /** Certificate serial within the county. */
        private long serial;
        /** Index of the village household that holds the next homestead (round robin). */
        int nextHolder;

        Homesteads(DemoCounty c) {
            this.c = c;
            this.county = c.code();
            this.rnd = c.rnd();
            this.homesteads = c.rows(HOMESTEAD);
            this.houses = c.rows(HOUSE);
            this.revitalizations = c.rows(REVITALIZATION);
            this.history = c.rows(HISTORY);
            this.safetyChecks = c.rows(SAFETY_CHECK);
        }

        void build(DemoParcel p) {
            DemoVillage vr = p.village();
            List<Long> households = vr.householdIds();
            long householdId = households.get(nextHolder++ % households.size());
            serial++;
            boolean pastoral = c.character().pastoral();
            LocalDate asOf = c.asOf();
            long id = homesteads.nextId();
            double x = rnd.nextDouble();
            double idleShare = pastoral ? 0.16 : 0.12;
            String occupancy = x < idleShare ? "idle" : x < idleShare + 0.1 ? "seasonal" : "occupied";
            LocalDate idleSince = "idle".equals(occupancy) ? LocalDate.of(2012, 1, 1).plusDays(rnd.nextInt(4500)) : null;
            String revit = "none";
            if ("idle".equals(occupancy)) {
                double r = rnd.nextDouble();
                revit = r < 0.3 ? "listed" : r < 0.45 ? "negotiating" : r < 0.72 ? "revitalized" : "idle";
            }
            LocalDate surveyedOn = asOf.minusDays(rnd.nextInt(500));

            Polygon footprint = shrink(p.lonLat(), 0.5);
            double footArea = Geodesy.area(footprint);
            int floors = "331126".equals(county) ? 2 + rnd.nextInt(2) : 1 + (rnd.nextDouble() < 0.3 ? 1 : 0);
            String[] structures = switch (county) {
                case "533401" -> new String[] {"wood", "earth", "stone", "brick_concrete"};
                case "331126" -> new String[] {"brick_wood", "brick_concrete", "wood"};
                default -> new String[] {"brick_concrete", "brick_wood", "earth"};
            };
            String condition = "idle".equals(occupancy)
                    ? People.pick(new String[] {"fair", "poor", "poor", "dangerous"}, rnd)
                    : People.pick(new String[] {"good", "good", "fair", "poor"}, rnd);
            boolean dangerous = "dangerous".equals(condition);
            long houseId = houses.nextId();
            String structure = People.pick(structures, rnd);
            houses.add(houseId, id, round2(footArea * floors), floors, structure, 1975 + rnd.nextInt(48),
                    condition, dangerous ? "D" : null, dangerous ? surveyedOn : null, footprint, county);
            if (dangerous) {
                // No random draw here: the county's later draws stay as they were.
                safetyChecks.add(safetyChecks.nextId(), id, houseId, surveyedOn, "dangerous", "D", structure,
                        "演示数据：承重结构严重损坏，整栋危房", "demo", county);
            }
            // The agreement is drawn after the house (the order of the county's random draws stays as it was); its
            // start is the day the homestead was revitalized.
            LocalDate start = "revitalized".equals(revit) || "negotiating".equals(revit) ? revitalize(vr, id, revit, idleSince, footprint) : null;
            boolean consented = "listed".equals(revit) || "negotiating".equals(revit) || "revitalized".equals(revit);
            homesteads.add(id, county, vr.code(), p.id(), householdId, county + "宅" + String.format("%07d", serial),
                    round2(p.areaM2()), round2(Math.min(p.areaM2(), pastoral ? 1000 : 300)), occupancy, idleSince,
                    "idle".equals(occupancy) ? "field_survey" : null, surveyedOn, revit, "revitalized".equals(revit) ? start : null,
                    consented ? surveyedOn : null, consented ? "农户自愿盘活申请书" : null, true, p.lonLat());
            if (!"none".equals(revit)) {
                history.add(history.nextId(), id, null, revit, surveyedOn, "demo",
                        "演示数据 demo data", county);
            }
            if (!"idle".equals(occupancy) && !"dangerous".equals(condition) && rnd.nextDouble() < 0.22) {
                String roof = "331126".equals(county) ? "tile" : pastoral ? "concrete_flat" : People.pick(new String[] {"tile", "concrete_flat"}, rnd);
                c.offerRoof(new DemoCounty.Roof(vr, "homestead_roof", id, null, p.id(), roof, footprint, "tile".equals(roof) ? 0.5 : 0.62,
                        "natural_person"));
            }
        }

        /** The agreement of a homestead under negotiation or revitalized; answers its start. */
        private LocalDate revitalize(DemoVillage vr, long homesteadId, String revit, LocalDate idleSince, Polygon footprint) {
            LocalDate asOf = c.asOf();
            String[] modes = {"lease", "lease", "equity", "cooperation", "self_operated"};
            String mode = People.pick(modes, rnd);
            String[] uses = {"homestay", "homestay", "catering", "culture", "ecommerce", "storage_cold_chain", "office", "elderly_care"};
            String use = People.pick(uses, rnd);
            LocalDate start = idleSince.plusDays(200 + rnd.nextInt(900));
            if (start.isAfter(asOf)) {
                start = asOf.minusDays(30);
            }
            LocalDate end = "lease".equals(mode) ? start.plusYears(5 + rnd.nextInt(16)) : start.plusYears(10 + rnd.nextInt(11));
            String[] parties = {"village_collective", "returnee", "urban_resident", "business"};
            String party = People.pick(parties, rnd);
            String partyName = switch (party) {
                case "village_collective" -> vr.shortName() + "股份经济合作社";
                case "business" -> c.shortName() + People.firmWord(rnd) + "文旅有限公司";
                case "returnee" -> "返乡创业人员";
                default -> "城镇居民";
            };
            boolean active = "revitalized".equals(revit);
            Double rent = "lease".equals(mode) ? (double) (3000 + rnd.nextInt(17000)) : null;
            revitalizations.add(revitalizations.nextId(), homesteadId, mode, party, partyName, use, start, end,
                    rent, round2(5 + rnd.nextDouble() * 60), active ? "active" : "proposed", active ? start.minusDays(20) : null, rent, null, true, c.code());
            if (active && "homestay".equals(use)) {
                Point centre = footprint.getCentroid();
                c.openPlace(new DemoCounty.Place("homestay", vr.code(), vr.shortName() + "乡村民宿" + homesteadId, centre));
            }
            return start;
        }
    }
}
