package org.landatlas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * No module's code names a table of another module: every SQL string of src/main/java and every migration,
 * against the one list of owners (src/test/resources/module-tables.txt). The rule itself is shown to fail in
 * {@link TableOwnershipRuleTest}.
 */
class TableOwnershipTest {

    static TableOwnership ownership() throws IOException {
        try (var in = TableOwnershipTest.class.getResourceAsStream("/module-tables.txt")) {
            return TableOwnership.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void everyModuleNamesOnlyItsOwnTablesAndEveryTableHasAnOwner() throws IOException {
        List<TableOwnership.Violation> violations = ownership().check(
                TableOwnership.read(Path.of("src/main/java"), ".java"),
                TableOwnership.read(Path.of("src/main/resources/db/migration"), ".sql"));
        assertThat(violations).as(String.join("\n", violations.stream().map(Object::toString).toList())).isEmpty();
    }
}
