package org.landatlas.platform;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Picks the writer of flat connection pages once at start from {@value PageJsonWriter#PROPERTY}
 * (env LANDATLAS_VIEWPORT_JSON_WRITER): {@code direct} (default) or {@code jackson}, so that two services
 * started from one jar can be compared.
 */
@Component
class PageJsonWriterSelection {

    private static final Logger log = LoggerFactory.getLogger(PageJsonWriterSelection.class);

    PageJsonWriterSelection(@Value("${" + PageJsonWriter.PROPERTY + ":direct}") String name) {
        RenderedConnection.use(PageJsonWriter.named(name));
        log.info("Connection pages are written by the {} JSON writer", name.strip().toLowerCase(java.util.Locale.ROOT));
    }
}
