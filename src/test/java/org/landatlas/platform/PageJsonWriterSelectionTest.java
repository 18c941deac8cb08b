package org.landatlas.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** landatlas.viewport.json-writer picks the page writer at start. */
class PageJsonWriterSelectionTest {

    @Test
    void directOrJacksonByName() {
        assertThat(PageJsonWriter.named("direct")).isSameAs(PageJsonWriter.DIRECT);
        assertThat(PageJsonWriter.named(" Jackson ")).isSameAs(PageJsonWriter.JACKSON);
        assertThatThrownBy(() -> PageJsonWriter.named("gson")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("landatlas.viewport.json-writer").hasMessageContaining("'gson'");
    }

    @Test
    void theSelectionIsWhatRenderedConnectionUses() {
        PageJsonWriter configured = RenderedConnection.writer();
        try {
            new PageJsonWriterSelection("jackson");
            assertThat(RenderedConnection.writer()).isSameAs(PageJsonWriter.JACKSON);
            new PageJsonWriterSelection("direct");
            assertThat(RenderedConnection.writer()).isSameAs(PageJsonWriter.DIRECT);
        } finally {
            RenderedConnection.use(configured);
        }
    }
}
