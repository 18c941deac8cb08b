package org.landatlas.demodata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The generator alone, without a database: determinism, parameter checks, and the rules of the part seam. */
class DemoGeneratorTest {

    private final DemoGenerator generator = TestDemoGenerator.get();

    @Test
    void sameSeedGivesIdenticalDataAndAnotherSeedDoesNot() {
        DemoProfile mini = DemoProfile.load("mini");
        DemoGenerator.Result a = generator.generate(mini);
        DemoGenerator.Result b = generator.generate(mini);
        DemoGenerator.Result c = generator.generate(mini.withSeed(mini.seed() + 1));

        assertThat(a.digest()).isEqualTo(b.digest());
        assertThat(a.rowCounts()).isEqualTo(b.rowCounts());
        assertThat(c.digest()).isNotEqualTo(a.digest());
    }

    @Test
    void producesTheRequestedParcelCountPerCounty() {
        DemoGenerator.Result r = generator.generate(DemoProfile.load("mini"));
        assertThat(r.parcelsByCounty()).containsEntry("331126", 400).containsEntry("533401", 400);
        assertThat(r.rowCounts().get("admin_unit")).isEqualTo(2 + 19 + 203 + 12 + 65);
        assertThat(r.rowCounts()).allSatisfy((table, rows) -> {
            // Tables of staff work the demo draws no rows for (payments, equity, mortgages, attachments), and the land
            // search's tables, derived after the load.
            if (!table.equals("circulation_dispute") && !java.util.Set.of("circulation_attachment", "circulation_contract_payment",
                    "circulation_contract_shareholder", "circulation_dividend", "circulation_dividend_share", "circulation_mortgage",
                    "circulation_search_parcel", "circulation_parcel_adjacency").contains(table)) {
                assertThat(rows).as(table).isPositive();
            }
        });
    }

    @Test
    void rejectsOutOfRangeParameters() {
        DemoProfile mini = DemoProfile.load("mini");
        assertThatThrownBy(() -> mini.withParcelsPerCounty(10))
                .isInstanceOf(DemoProfile.InvalidProfileException.class)
                .hasMessageContaining("parcels per county").hasMessageContaining("between 50 and 2000000").hasMessageContaining("10");
        assertThatThrownBy(() -> mini.withParcelsPerCounty(3_000_000)).isInstanceOf(DemoProfile.InvalidProfileException.class);
        assertThatThrownBy(() -> DemoProfile.load("nope")).hasMessageContaining("no demo profile 'nope'");
        assertThatThrownBy(() -> DemoProfile.load("../etc/passwd")).hasMessageContaining("must be lower-case");
        assertThatThrownBy(() -> new DemoProfile("x", 1, mini.asOf(), java.util.List.of(new DemoProfile.CountyQuota("110101", 100))))
                .hasMessageContaining("110101").hasMessageContaining("not a demo county");
    }

    /** One county with few parcels: enough for the seam's rules, quick to generate. */
    private static DemoProfile smallCounty() {
        DemoProfile mini = DemoProfile.load("mini");
        return new DemoProfile("small", mini.seed(), mini.asOf(), List.of(new DemoProfile.CountyQuota("331126", 60)));
    }

    private static Map<String, String> tableDigests(DemoGenerator.Result r) {
        Map<String, String> digests = new LinkedHashMap<>();
        for (CopyTable t : r.tables().inLoadOrder()) {
            digests.put(t.name(), t.rows() + " rows " + HexFormat.of().formatHex(t.digest()));
        }
        return digests;
    }

    /** A part with one table of its own that draws from the county's generator in the given phase. */
    private static DemoDataPart drawingPart(String table, boolean inFirstPhase) {
        DemoTable own = DemoTable.serial(table, "id", "value");
        return new DemoDataPart() {
            @Override
            public List<DemoTable> tables() {
                return List.of(own);
            }

            @Override
            public CountyWork start(DemoCounty county) {
                Runnable draw = () -> county.rows(own).add(county.rows(own).nextId(), county.rnd().nextInt(1000));
                return new CountyWork() {
                    @Override
                    public void ground() {
                        if (inFirstPhase) {
                            draw.run();
                        }
                    }

                    @Override
                    public void records() {
                        if (!inFirstPhase) {
                            draw.run();
                        }
                    }
                };
            }
        };
    }

    @Test
    void aPartThatDrawsLastLeavesEveryExistingRowAsItWas() {
        Map<String, String> before = tableDigests(generator.generate(smallCounty()));

        List<DemoDataPart> parts = new ArrayList<>(TestDemoGenerator.parts());
        parts.add(drawingPart("later_feature", false));
        Map<String, String> after = tableDigests(new DemoGenerator(parts).generate(smallCounty()));

        assertThat(after).containsAllEntriesOf(before).containsKey("later_feature");
    }

    @Test
    void aPartThatDrawsFirstChangesTheRowsOfThoseAfterIt() {
        // The converse of the rule above, so that it can fail: drawing early shifts everyone's draws.
        Map<String, String> before = tableDigests(generator.generate(smallCounty()));

        List<DemoDataPart> parts = new ArrayList<>(TestDemoGenerator.parts());
        parts.add(0, drawingPart("early_feature", true));
        Map<String, String> after = tableDigests(new DemoGenerator(parts).generate(smallCounty()));

        assertThat(after.get("admin_unit")).isEqualTo(before.get("admin_unit"));
        assertThat(after.get("land_parcel")).isNotEqualTo(before.get("land_parcel"));
    }

    @Test
    void phasesRunInOrderAndEachVillagesPlotsFollowIt() {
        List<String> calls = new ArrayList<>();
        DemoDataPart recorder = new DemoDataPart() {
            @Override
            public List<DemoTable> tables() {
                return List.of();
            }

            @Override
            public CountyWork start(DemoCounty county) {
                return new CountyWork() {
                    @Override
                    public void ground() {
                        calls.add("ground");
                    }

                    @Override
                    public void fields() {
                        calls.add("fields");
                    }

                    @Override
                    public void people() {
                        calls.add("people");
                    }

                    @Override
                    public void network() {
                        calls.add("network");
                    }

                    @Override
                    public void parties() {
                        calls.add("parties");
                    }

                    @Override
                    public void village(DemoVillage village) {
                        calls.add("village " + village.code());
                    }

                    @Override
                    public void plot(DemoParcel parcel) {
                        calls.add("plot " + parcel.id() + " of " + parcel.village().code());
                    }

                    @Override
                    public void market() {
                        calls.add("market");
                    }

                    @Override
                    public void protection() {
                        calls.add("protection");
                    }

                    @Override
                    public void records() {
                        calls.add("records");
                    }
                };
            }
        };
        List<DemoDataPart> parts = new ArrayList<>(TestDemoGenerator.parts());
        parts.add(recorder);
        DemoGenerator.Result r = new DemoGenerator(parts).generate(smallCounty());

        List<String> expected = new ArrayList<>(List.of("ground", "fields", "people", "network", "parties"));
        // Parcel ids run in village order, so the plots of each village follow its village call.
        String village = null;
        long parcelId = 0;
        for (String call : calls.subList(5, calls.size() - 3)) {
            if (call.startsWith("village ")) {
                village = call.substring(8);
            } else {
                assertThat(call).isEqualTo("plot " + ++parcelId + " of " + village);
            }
            expected.add(call);
        }
        expected.addAll(List.of("market", "protection", "records"));
        assertThat(calls).isEqualTo(expected);
        assertThat(parcelId).isEqualTo(r.parcelCount());
        assertThat(calls.stream().filter(c -> c.startsWith("village ")).toList()).isNotEmpty().doesNotHaveDuplicates();
    }

    @Test
    void aTableDeclaredByTwoPartsIsRefused() {
        List<DemoDataPart> parts = new ArrayList<>(TestDemoGenerator.parts());
        parts.add(drawingPart("land_parcel", false));
        assertThatThrownBy(() -> new DemoGenerator(parts)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("land_parcel").hasMessageContaining("declared by two demo-data parts");
    }

    @Test
    void aPartCannotWriteATableItDidNotDeclare() {
        DemoTable undeclared = DemoTable.serial("not_declared", "id");
        DemoDataPart writer = new DemoDataPart() {
            @Override
            public List<DemoTable> tables() {
                return List.of();
            }

            @Override
            public CountyWork start(DemoCounty county) {
                return new CountyWork() {
                    @Override
                    public void records() {
                        county.rows(undeclared).add(1L);
                    }
                };
            }
        };
        List<DemoDataPart> parts = new ArrayList<>(TestDemoGenerator.parts());
        parts.add(writer);
        assertThatThrownBy(() -> new DemoGenerator(parts).generate(smallCounty())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not_declared").hasMessageContaining("not declared by any demo-data part");
    }
}
