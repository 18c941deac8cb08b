package org.landatlas.circulation.demo;

import static org.landatlas.demodata.DemoGeometry.round2;
import static org.landatlas.demodata.DemoGeometry.union;

import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import org.landatlas.demodata.CopyTable;
import org.landatlas.demodata.DemoCounty;
import org.landatlas.demodata.DemoParcel;
import org.landatlas.demodata.DemoVillage;
import org.landatlas.demodata.People;
import org.landatlas.platform.Mu;
import org.locationtech.jts.geom.Geometry;

/**
 * Listings and contracts of one county: each seeds on a parcel and grows through neighbouring fields of the same
 * land group; contracts get transferors from the village's households, a status history, and now and then a dispute.
 */
final class LandMarket {

    private final DemoCounty c;
    private final String county;
    private final LocalDate asOf;
    private final SplittableRandom rnd;
    private final Transferees transferees;
    private final CopyTable listings;
    private final CopyTable listingParcels;
    private final CopyTable contracts;
    private final CopyTable contractTransferors;
    private final CopyTable contractParcels;
    private final CopyTable statusHistory;
    private final CopyTable disputes;
    private final CopyTable disputeSteps;
    /** Parcels already taken by a listing or contract. */
    private final Set<DemoParcel> used = new HashSet<>();
    private long contractSerial;

    LandMarket(DemoCounty c, Transferees transferees) {
        this.c = c;
        this.county = c.code();
        this.asOf = c.asOf();
        this.rnd = c.rnd();
        this.transferees = transferees;
        this.listings = c.rows(CirculationDemoData.LISTING);
        this.listingParcels = c.rows(CirculationDemoData.LISTING_PARCEL);
        this.contracts = c.rows(CirculationDemoData.CONTRACT);
        this.contractTransferors = c.rows(CirculationDemoData.CONTRACT_TRANSFEROR);
        this.contractParcels = c.rows(CirculationDemoData.CONTRACT_PARCEL);
        this.statusHistory = c.rows(CirculationDemoData.STATUS_HISTORY);
        this.disputes = c.rows(CirculationDemoData.DISPUTE);
        this.disputeSteps = c.rows(CirculationDemoData.DISPUTE_STEP);
    }

    private static String landKind(String group) {
        return switch (group) {
            case "farmland" -> "farmland";
            case "grassland" -> "pasture";
            case "forest" -> "forest";
            case "garden" -> "garden";
            default -> null;
        };
    }

    void trade() {
        if (c.contractsWanted().isPresent()) {
            tradeTo(c.contractsWanted().getAsInt());
            return;
        }
        for (DemoVillage vr : c.villages()) {
            Map<Long, List<DemoParcel>> byCell = byCell(vr);
            for (DemoParcel p : vr.parcels()) {
                String kind = landKind(p.group());
                if (kind == null || used.contains(p)) {
                    continue;
                }
                double seedP = switch (kind) {
                    case "farmland" -> 0.10;
                    case "pasture" -> 0.08;
                    case "forest" -> 0.035;
                    default -> 0.07;
                };
                double x = rnd.nextDouble();
                if (x < seedP) {
                    int max = switch (kind) {
                        case "farmland" -> 2 + rnd.nextInt(11);
                        case "forest" -> 1 + rnd.nextInt(5);
                        default -> 1 + rnd.nextInt(6);
                    };
                    contract(vr, cluster(p, byCell, max), kind, null);
                } else if (x < seedP + 0.025) {
                    listing(vr, cluster(p, byCell, 1 + rnd.nextInt(8)), kind);
                }
            }
        }
    }

    /**
     * The market of a profile that asks for a number of contracts (the bench's ~30,000 over 200,000 parcels): the
     * chance that a free field seeds a contract is steered towards the wanted count, recomputed at every field from
     * what is left to make over the fields left to visit, and contracts stay small (one to five fields) so that the
     * land suffices. Listings keep a share of the rest.
     */
    private void tradeTo(int wanted) {
        long eligible = c.villages().stream().flatMap(v -> v.parcels().stream()).filter(p -> landKind(p.group()) != null).count();
        long visited = 0;
        int made = 0;
        for (DemoVillage vr : c.villages()) {
            Map<Long, List<DemoParcel>> byCell = byCell(vr);
            for (DemoParcel p : vr.parcels()) {
                String kind = landKind(p.group());
                if (kind == null) {
                    continue;
                }
                visited++;
                if (used.contains(p)) {
                    continue;
                }
                // × 1.6: about a third of the fields are reached when a neighbour's contract has taken them already.
                double seedP = Math.min(0.9, Math.max(0, (double) (wanted - made) / Math.max(1, eligible - visited + 1)) * 1.6);
                double x = rnd.nextDouble();
                if (x < seedP) {
                    contract(vr, cluster(p, byCell, 1 + rnd.nextInt(5)), kind, null);
                    made++;
                } else if (x < seedP + 0.012) {
                    listing(vr, cluster(p, byCell, 1 + rnd.nextInt(8)), kind);
                }
            }
        }
    }

    /** A village's parcels by the grid cell of their plot, for growing clusters through neighbouring fields. */
    private static Map<Long, List<DemoParcel>> byCell(DemoVillage vr) {
        Map<Long, List<DemoParcel>> byCell = new HashMap<>();
        for (DemoParcel p : vr.parcels()) {
            byCell.computeIfAbsent(cellKey(p.plot().i(), p.plot().j()), k -> new ArrayList<>()).add(p);
        }
        return byCell;
    }

    private static long cellKey(int i, int j) {
        return ((long) i << 32) ^ (j & 0xffffffffL);
    }

    /** Up to {@code max} unused parcels of the same land group, grown from {@code start} through neighbouring fields. */
    private List<DemoParcel> cluster(DemoParcel start, Map<Long, List<DemoParcel>> byCell, int max) {
        List<DemoParcel> out = new ArrayList<>();
        ArrayDeque<DemoParcel> queue = new ArrayDeque<>();
        queue.add(start);
        used.add(start);
        while (!queue.isEmpty() && out.size() < max) {
            DemoParcel p = queue.poll();
            out.add(p);
            int[][] steps = {{0, 0}, {1, 0}, {-1, 0}, {0, 1}, {0, -1}};
            for (int[] s : steps) {
                for (DemoParcel q : byCell.getOrDefault(cellKey(p.plot().i() + s[0], p.plot().j() + s[1]), List.of())) {
                    if (!used.contains(q) && q.group().equals(start.group()) && out.size() + queue.size() < max) {
                        used.add(q);
                        queue.add(q);
                    }
                }
            }
        }
        used.removeAll(queue);
        return out;
    }

    /** A yearly rent per mu within the county's range for the kind of land. */
    double rent(String kind) {
        double[] range = c.character().rentYuanPerMu().get(kind);
        return Math.round(range[0] + rnd.nextDouble() * (range[1] - range[0]));
    }

    private String intendedUse(String kind) {
        double x = rnd.nextDouble();
        return switch (kind) {
            case "farmland" -> x < 0.62 ? "粮食种植" : switch (county) {
                case "533401" -> x < 0.8 ? "烤烟种植" : "蔬菜种植";
                case "331126" -> x < 0.8 ? "食用菌种植" : "蔬菜种植";
                default -> x < 0.8 ? "马铃薯种植" : "饲草料种植";
            };
            case "pasture" -> x < 0.6 ? "放牧" : "打草及饲草种植";
            case "forest" -> x < 0.5 ? "林下种植" : "经济林经营";
            case "garden" -> "331126".equals(county) ? "茶叶种植" : "533401".equals(county) ? "中药材种植" : "果树种植";
            default -> "设施农业";
        };
    }

    private static double areaMu(List<DemoParcel> ps) {
        return round2(ps.stream().mapToDouble(DemoParcel::areaM2).sum() / Mu.M2_PER_MU);
    }

    private void contract(DemoVillage vr, List<DemoParcel> ps, String kind, Long listingId) {
        long id = contracts.nextId();
        contractSerial++;
        LocalDate signed = LocalDate.of(2015, 1, 1).plusDays(rnd.nextInt(3650));
        double mx = rnd.nextDouble();
        String mode = mx < 0.75 ? "lease" : mx < 0.89 ? "equity" : mx < 0.97 ? "other" : signed.getYear() < 2019 ? "swap" : "lease";
        int years = switch (kind) {
            case "farmland" -> 3 + rnd.nextInt(13);
            case "pasture" -> 5 + rnd.nextInt(26);
            case "forest" -> 10 + rnd.nextInt(31);
            default -> 5 + rnd.nextInt(16);
        };
        LocalDate start = signed.plusDays(rnd.nextInt(60));
        LocalDate end = start.plusYears(years);
        // A circulation cannot outlast the remaining contract term (second-round contracts extended to 2057).
        if (end.isAfter(LocalDate.of(2057, 12, 31))) {
            end = LocalDate.of(2057, 12, 31);
        }
        double sx = rnd.nextDouble();
        String status;
        if (end.isBefore(asOf)) {
            status = "expired";
        } else {
            status = sx < 0.8 ? "active" : sx < 0.86 ? "filed" : sx < 0.9 ? "signed" : sx < 0.94 ? "terminated" : sx < 0.97 ? "disputed" : "draft";
        }
        if (start.isAfter(asOf) && "active".equals(status)) {
            status = "filed";
        }
        boolean draft = "draft".equals(status);
        LocalDate filed = draft || "signed".equals(status) ? null : signed.plusDays(7 + rnd.nextInt(24));
        String filingNo = filed == null ? null : county + "BA" + filed.getYear() + String.format("%06d", contractSerial);
        Double price = "swap".equals(mode) ? null : rent(kind);
        String dividend = "equity".equals(mode) ? "保底" + Math.round(price) + "元/亩/年，另按盈余的" + (10 + rnd.nextInt(21)) + "%分红" : null;
        boolean registered = filed != null && years >= 5 && rnd.nextDouble() < 0.4;
        long transferee = transferees.pick(kind);
        double mu = areaMu(ps);
        Geometry g = union(ps.stream().map(DemoParcel::lonLat).toList());
        contracts.add(id, county + "LZ" + signed.getYear() + String.format("%06d", contractSerial), filingNo, county, vr.code(),
                listingId, transferee, mode, kind, mu, price, dividend, start, end, intendedUse(kind), status, draft ? null : signed,
                filed, registered, true, g);
        boolean holds = org.landatlas.circulation.ActiveContracts.STATUSES.contains(status);
        for (DemoParcel p : ps) {
            contractParcels.add(id, p.id(), county);
            if (holds) {
                p.circulation("circulated");
            }
        }
        // Transferors: one household per one to three parcels, areas summing to the contract's.
        List<Long> households = vr.householdIds();
        int nh = Math.max(1, Math.min(households.size(), (ps.size() + 1) / 2 + rnd.nextInt(2)));
        int first = rnd.nextInt(households.size());
        double remaining = mu;
        for (int k = 0; k < nh; k++) {
            double share = k == nh - 1 ? remaining : round2(mu / nh);
            remaining = round2(remaining - share);
            if (share > 0) {
                contractTransferors.add(id, households.get((first + k) % households.size()), round2(share), county);
            }
        }
        String office = office(vr);
        LocalDate drafted = signed.minusDays(10 + rnd.nextInt(30));
        history(id, null, null, "draft", drafted, office, "合同起草");
        if (!draft) {
            history(id, null, "draft", "signed", signed, office, "双方签订");
        }
        if (filed != null) {
            history(id, null, "signed", "filed", filed, office, "报发包方备案");
            if (!"filed".equals(status) || end.isBefore(asOf)) {
                history(id, null, "filed", "active", start.isAfter(filed) ? start : filed, office, "流转期开始");
            }
        }
        switch (status) {
            case "expired" -> history(id, null, "active", "expired", end, office, "流转期满");
            case "terminated" -> {
                LocalDate d = between(start, asOf);
                history(id, null, "active", "terminated", d, office, "受让方擅自改变土地农业用途，依法解除");
                dispute(id, start, "use_change", "resolved", d);
            }
            case "disputed" -> {
                LocalDate d = between(start, asOf);
                history(id, null, "active", "disputed", d, office, "流转费拖欠，进入调解");
                String[] stages = {"negotiation", "village_mediation", "township_mediation", "arbitration", "court"};
                dispute(id, d, rnd.nextDouble() < 0.6 ? "rent_arrears" : "boundary", People.pick(stages, rnd), null);
            }
            default -> {
                if ("active".equals(status) && rnd.nextDouble() < 0.03) {
                    LocalDate d = between(start, asOf);
                    dispute(id, d, "boundary", "resolved", d.plusDays(20 + rnd.nextInt(60)).isAfter(asOf) ? asOf : d.plusDays(20));
                }
            }
        }
    }

    /** The township's rural business management station, where listings and contracts are filed. */
    static String office(DemoVillage vr) {
        return vr.township().name() + "农村经营管理站";
    }

    private LocalDate between(LocalDate a, LocalDate b) {
        long days = Math.max(1, b.toEpochDay() - a.toEpochDay());
        return a.plusDays(Math.min(days - 1, rnd.nextInt((int) Math.min(days, Integer.MAX_VALUE))));
    }

    void history(Long contractId, Long listingId, String from, String to, LocalDate on, String by, String reason) {
        statusHistory.add(statusHistory.nextId(), contractId, listingId, from, to, on + "T09:00:00+08:00", by, reason, county);
    }

    private void dispute(long contractId, LocalDate opened, String kind, String stage, LocalDate resolved) {
        String summary = switch (kind) {
            case "rent_arrears" -> "受让方未按期支付流转费";
            case "use_change" -> "受让方在流转耕地上挖塘养鱼，改变农业用途";
            case "boundary" -> "相邻地块四至界线争议";
            default -> "其他流转纠纷";
        };
        long id = disputes.nextId();
        // The contract was active before the dispute; the resolved ones end in the same step they started.
        disputes.add(id, contractId, county, opened, kind, stage, summary, resolved, "active");
        disputeSteps.add(disputeSteps.nextId(), id, "resolved".equals(stage) ? "negotiation" : stage, opened, resolved, "demo", county);
    }

    private void listing(DemoVillage vr, List<DemoParcel> ps, String kind) {
        long id = listings.nextId();
        double mu = areaMu(ps);
        double sx = rnd.nextDouble();
        String status = sx < 0.5 ? "listed" : sx < 0.7 ? "negotiating" : sx < 0.85 ? "contracted" : sx < 0.95 ? "withdrawn" : "draft";
        LocalDate listed = asOf.minusDays(rnd.nextInt(420));
        LocalDate expires = listed.plusDays(180);
        if (("listed".equals(status) || "negotiating".equals(status)) && expires.isBefore(asOf)) {
            expires = asOf.plusDays(30 + rnd.nextInt(120));
        }
        String mode = rnd.nextDouble() < 0.8 ? "lease" : "equity";
        int years = switch (kind) {
            case "pasture" -> 10 + rnd.nextInt(21);
            case "forest" -> 20 + rnd.nextInt(31);
            default -> 5 + rnd.nextInt(16);
        };
        Double price = rnd.nextDouble() < 0.1 ? null : rent(kind);
        Geometry g = union(ps.stream().map(DemoParcel::lonLat).toList());
        String className = c.landClasses().name(ps.get(0).landClass());
        String title = vr.shortName() + " " + Math.round(mu) + "亩" + className + ("lease".equals(mode) ? "出租" : "入股合作");
        double access = c.roadDistance(g);
        listings.add(id, county + "GP" + listed.getYear() + String.format("%06d", id), county, vr.code(), title, kind, ps.size() >= 3, mu,
                price, years, mode, intendedUse(kind), listed, expires, status, round2(access), office(vr), true, g, List.of(mode),
                Math.min(years, 3));
        for (DemoParcel p : ps) {
            listingParcels.add(id, p.id(), county);
            if ("listed".equals(status) || "negotiating".equals(status)) {
                p.circulation("listed");
            }
        }
        String office = office(vr);
        history(null, id, null, "draft", listed.minusDays(5), office, "挂牌申请");
        if (!"draft".equals(status)) {
            history(null, id, "draft", "listed", listed, office, "发布挂牌");
        }
        if ("negotiating".equals(status) || "contracted".equals(status)) {
            history(null, id, "listed", "negotiating", listed.plusDays(20), office, "意向受让方洽谈");
        }
        if ("contracted".equals(status)) {
            history(null, id, "negotiating", "contracted", listed.plusDays(45), office, "成交");
            contract(vr, ps, kind, id);
        }
        if ("withdrawn".equals(status)) {
            history(null, id, "listed", "withdrawn", listed.plusDays(60), office, "流出方撤回");
        }
    }
}
