package org.landatlas.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.landatlas.platform.SqlWhere;

/** One statement of public rows gives each kind of viewer its rows. */
class PublicRowsTest {

    static final PublicRows OFFERED = new PublicRows("t.status = 'offered'", "t.county_code");

    private static SqlWhere restricted(Viewer v) {
        SqlWhere w = new SqlWhere();
        OFFERED.restrict(w, v);
        return w;
    }

    @Test
    void thePublicSeesThePublicRows() {
        assertThat(restricted(Viewer.PUBLIC).sql()).isEqualTo("TRUE AND (t.status = 'offered')");
    }

    @Test
    void staffSeeThePublicRowsAndEveryRowOfTheirCounties() {
        Viewer staff = new Viewer(Viewer.Role.STAFF, 7L, "s", Set.of("150627"), false, "token");
        SqlWhere w = restricted(staff);
        assertThat(w.sql()).isEqualTo("TRUE AND (t.status = 'offered' OR t.county_code IN (:p0))");
        assertThat(w.params().getValue("p0")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.collection(String.class)).containsExactly("150627");
    }

    @Test
    void staffWithoutCountiesSeeWhatThePublicSees() {
        Viewer staff = new Viewer(Viewer.Role.STAFF, 7L, "s", Set.of(), false, "token");
        assertThat(restricted(staff).sql()).isEqualTo("TRUE AND (t.status = 'offered')");
    }

    @Test
    void administratorsSeeEveryRow() {
        Viewer admin = new Viewer(Viewer.Role.ADMIN, 1L, "admin", Set.of(), true, "session");
        assertThat(restricted(admin).sql()).isEqualTo("TRUE");
    }
}
