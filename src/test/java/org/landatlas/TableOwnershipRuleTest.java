package org.landatlas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The table-ownership rule fails on deliberate violations in sources made up here, and stays quiet on clean ones. */
class TableOwnershipRuleTest {

    private static final TableOwnership OWNERSHIP = TableOwnership.parse("""
            table alpha alpha_item
            table beta beta_item
            table beta personal.beta_secret
            migration alpha V1__alpha.sql
            migration beta V2__beta.sql
            accept org/landatlas/alpha/Old.java beta_item | kept for the test
            """);

    private static final Map<String, String> MIGRATIONS = Map.of(
            "V1__alpha.sql", "CREATE TABLE alpha_item (id bigint PRIMARY KEY);",
            "V2__beta.sql", "CREATE TABLE beta_item (id bigint PRIMARY KEY); CREATE TABLE personal.beta_secret (id bigint);");

    private static List<TableOwnership.Violation> java(String path, String source) {
        return OWNERSHIP.check(Map.of(path, source, "org/landatlas/alpha/Old.java", "class Old { String s = \"SELECT 1 FROM beta_item\"; }"), MIGRATIONS);
    }

    @Test
    void aModuleNamingAnotherModulesTableInATextBlockIsOneViolationWithFileModuleAndTable() {
        List<TableOwnership.Violation> v = java("org/landatlas/alpha/AlphaQueries.java", """
                class AlphaQueries {
                    String sql = \"""
                            SELECT a.id FROM alpha_item a
                            JOIN beta_item b ON b.id = a.id\""";
                }
                """);
        assertThat(v).hasSize(1);
        assertThat(v.get(0).toString()).contains("org/landatlas/alpha/AlphaQueries.java", "module alpha", "beta_item", "owned by beta");
    }

    @Test
    void tablesPassedAsPlainStringsAndSchemaQualifiedNamesCount() {
        assertThat(java("org/landatlas/alpha/A.java", "class A { Object p = new Projection(\"Item\", \"beta_item t\", \"t.id\"); }")).hasSize(1);
        assertThat(java("org/landatlas/alpha/A.java", "class A { void f() { ScopedRows.lock(jdbc, \"beta_item\", \"status\"); } }")).hasSize(1);
        assertThat(java("org/landatlas/alpha/A.java", "class A { String s = \"DELETE FROM personal.beta_secret\"; }"))
                .singleElement().hasToString("org/landatlas/alpha/A.java (module alpha) names table personal.beta_secret, owned by beta (…DELETE FROM personal.beta_secret…)");
    }

    @Test
    void cleanSourcesCommentsAndOtherWordsAreNoViolation() {
        assertThat(java("org/landatlas/alpha/A.java", """
                /** Reads alpha items, never FROM beta_item. */
                class A {
                    // JOIN beta_item is only mentioned here
                    String sql = "SELECT id FROM alpha_item WHERE kind = 'beta_item' -- not FROM beta_item";
                    String word = "beta_item";
                    String columns = "beta_item_id, alpha_item.id";
                }
                """)).isEmpty();
    }

    @Test
    void anAcceptedReferenceIsAllowedOnlyWhereListedAndAStaleOneIsReported() {
        assertThat(java("org/landatlas/alpha/A.java", "class A { }")).isEmpty();
        List<TableOwnership.Violation> stale = OWNERSHIP.check(Map.of("org/landatlas/alpha/Old.java", "class Old { }"), MIGRATIONS);
        assertThat(stale).singleElement().asString().contains("org/landatlas/alpha/Old.java", "no longer occurs");
    }

    @Test
    void aNewMigrationNamingAnotherModulesTableAnUnassignedMigrationAndAnUnlistedTableFail() {
        Map<String, String> migrations = new java.util.TreeMap<>(MIGRATIONS);
        migrations.put("V3__alpha_more.sql", "ALTER TABLE beta_item ADD COLUMN note text;");
        migrations.put("V4__gamma.sql", "CREATE TABLE gamma_item (id bigint);");
        TableOwnership withV3 = TableOwnership.parse("""
                table alpha alpha_item
                table beta beta_item
                table beta personal.beta_secret
                migration alpha V1__alpha.sql
                migration beta V2__beta.sql
                migration alpha V3__alpha_more.sql
                """);
        List<String> v = withV3.check(Map.of(), migrations).stream().map(Object::toString).toList();
        assertThat(v).hasSize(3);
        assertThat(v).anySatisfy(s -> assertThat(s).contains("V3__alpha_more.sql (module alpha) names table beta_item, owned by beta"));
        assertThat(v).anySatisfy(s -> assertThat(s).contains("V4__gamma.sql", "not assigned to a module"));
        assertThat(v).anySatisfy(s -> assertThat(s).contains("gamma_item", "assigned to no module"));
    }
}
