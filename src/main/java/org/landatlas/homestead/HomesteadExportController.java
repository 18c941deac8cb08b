package org.landatlas.homestead;

import java.util.Map;

import org.landatlas.exchange.Exports;
import org.landatlas.platform.RecordArgument;
import org.landatlas.platform.SqlWhere;
import org.landatlas.security.Access;
import org.landatlas.security.Viewer;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.stereotype.Controller;

/** GraphQL: exportHomesteads — the rows of the homesteads query (its very WHERE) as a GIS file, households per role. */
@Controller
class HomesteadExportController {

    private final HomesteadQueries queries;
    private final Exports exports;

    HomesteadExportController(HomesteadQueries queries, Exports exports) {
        this.queries = queries;
        this.exports = exports;
    }

    @MutationMapping
    Map<String, Object> exportHomesteads(@RecordArgument HomesteadFilter filter, @Argument String format, @Argument String shapefileEncoding) {
        Viewer viewer = Access.requireStaff("exportHomesteads");
        SqlWhere w = queries.homesteadsWhere(filter, viewer);
        return exports.exportMutation(viewer, "exportHomesteads", "homestead", "homesteads", format, shapefileEncoding, queries.exportSelect(w, viewer), w.params());
    }
}
