package org.landatlas.demodata;

import java.util.List;
import java.util.Map;

import org.landatlas.platform.SqlRows;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Controller;

/** GraphQL: which data set is loaded. */
@Controller
class DatasetController {

    private final NamedParameterJdbcTemplate jdbc;

    DatasetController(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @QueryMapping
    Map<String, Object> dataset() {
        List<Map<String, Object>> rows = jdbc.query("""
                SELECT profile AS "profile", seed::text AS "seed", county_codes AS "countyCodes", parcel_count AS "parcelCount",
                       loaded_at AS "loadedAt",
                       -- Indexed probe (land_parcel_real), not a scan of every parcel.
                       NOT EXISTS (SELECT 1 FROM land_parcel WHERE NOT synthetic) AS "synthetic"
                FROM dataset_load ORDER BY id DESC LIMIT 1""", Map.of(), SqlRows.ROWS);
        return rows.isEmpty() ? null : rows.get(0);
    }
}
