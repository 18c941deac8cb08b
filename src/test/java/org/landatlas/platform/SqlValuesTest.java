package org.landatlas.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The SQL text of the features' value sets is the text they wrote out before. */
class SqlValuesTest {

    @Test
    void writesAnInListInTheGivenOrder() {
        assertThat(SqlValues.in("t.status", List.of("listed", "negotiating"))).isEqualTo("t.status IN ('listed', 'negotiating')");
        assertThat(SqlValues.literal("connected")).isEqualTo("'connected'");
    }

    @Test
    void refusesQuotesAndEmptySets() {
        assertThatThrownBy(() -> SqlValues.literal("x' OR true --")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SqlValues.in("t.status", List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
