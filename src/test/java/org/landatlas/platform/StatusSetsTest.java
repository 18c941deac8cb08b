package org.landatlas.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.landatlas.testing.IntegrationTest;
import org.landatlas.circulation.ActiveContracts;
import org.landatlas.circulation.ListingStatus;
import org.landatlas.homestead.RevitalizationStatus;
import org.landatlas.parcel.HighStandardFarmlandStatus;
import org.landatlas.parcel.LandClassGroups;
import org.landatlas.solar.PvSiteStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The value sets each feature states once are the values the migrated schema allows, in the same order; the
 * subsets (public, active, built, connected) are among them.
 */
class StatusSetsTest extends IntegrationTest {

    private static final Pattern VALUE = Pattern.compile("'([^']*)'::text");

    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void everySetIsTheCheckConstraintOfItsColumn() {
        assertThat(allowed("circulation_listing", "status")).isEqualTo(ListingStatus.ALL).containsAll(ListingStatus.ON_OFFER);
        assertThat(allowed("homestead", "revitalization_status")).isEqualTo(RevitalizationStatus.ALL).containsAll(RevitalizationStatus.OFFERED);
        assertThat(allowed("high_standard_farmland_project", "status")).isEqualTo(HighStandardFarmlandStatus.ALL)
                .containsAll(HighStandardFarmlandStatus.BUILT);
        assertThat(allowed("pv_site", "status")).isEqualTo(PvSiteStatus.ALL).contains(PvSiteStatus.CONNECTED);
        assertThat(allowed("circulation_contract", "status")).containsAll(ActiveContracts.STATUSES);
        assertThat(allowed("land_class", "class_group")).isEqualTo(LandClassGroups.codes());
    }

    /** The values of the {@code column = ANY (ARRAY[…])} CHECK constraint of a table, in their order. */
    private List<String> allowed(String table, String column) {
        List<String> defs = jdbc.queryForList("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE contype = 'c' AND conrelid = ?::regclass",
                String.class, table).stream().filter(d -> d.startsWith("CHECK ((" + column + " = ANY (ARRAY[")).toList();
        assertThat(defs).as("one value-list CHECK on %s.%s", table, column).hasSize(1);
        List<String> values = new ArrayList<>();
        Matcher m = VALUE.matcher(defs.get(0));
        while (m.find()) {
            values.add(m.group(1));
        }
        return values;
    }
}
