package org.landatlas.circulation;

import java.util.List;
import java.util.Map;

import graphql.schema.DataFetchingFieldSelectionSet;
import org.landatlas.platform.ApiException;
import org.landatlas.platform.Batches;
import org.landatlas.platform.Connections;
import org.landatlas.platform.PageRequest;
import org.landatlas.platform.Projection;
import org.landatlas.platform.SqlWhere;
import org.landatlas.region.AdminUnitQueries;
import org.landatlas.security.Access;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Controller;

/**
 * GraphQL: the 确权 contract plots imported with profile {@code cbdk}, for staff of their county only (the plots
 * link households and contracts; nothing of them is public). No personal data is stored with them.
 */
@Controller
class ContractPlotController {

    static final Projection PLOT = new Projection("ContractPlot", "contract_plot", "t.id")
            .key("id", "t.id")
            .key("countyCode", "t.county_code")
            .key("villageCode", "t.village_code")
            .scalar("plotCode", "t.dkbm")
            .scalar("name", "t.dkmc")
            .scalar("ownershipNature", "t.syqxz")
            .scalar("plotCategory", "t.dklb")
            .scalar("landUseType", "t.tdlylx")
            .scalar("fertilityGrade", "t.dldj")
            .scalar("landUse", "t.tdyt")
            .scalar("basicFarmland", "t.sfjbnt")
            .scalar("measuredAreaM2", "t.scmj_m2::float8")
            .scalar("measuredAreaMu", "round(t.scmj_m2 * 15 / 10000, 4)::float8")
            .scalar("eastBoundary", "t.dkdz")
            .scalar("southBoundary", "t.dknz")
            .scalar("westBoundary", "t.dkxz")
            .scalar("northBoundary", "t.dkbz")
            .scalar("contractNo", "t.cbhtbm")
            .scalar("transferContractNo", "t.lzhtbm")
            .scalar("certificateNo", "t.cbjyqzbm")
            .scalar("employerCode", "t.fbfbm")
            .scalar("contractorCode", "t.cbfbm")
            .scalar("householdKnown", "EXISTS (SELECT 1 FROM household h WHERE h.household_no = t.cbfbm)")
            .scalar("areaM2", "t.area_m2")
            .scalar("areaMu", "t.area_m2 * 15 / 10000")
            .scalar("synthetic", "t.synthetic")
            .geometry("geometry", "t.geom");

    private final NamedParameterJdbcTemplate jdbc;
    private final AdminUnitQueries units;

    ContractPlotController(NamedParameterJdbcTemplate jdbc, AdminUnitQueries units) {
        this.jdbc = jdbc;
        this.units = units;
    }

    @QueryMapping
    Object contractPlots(@Argument String countyCode, @Argument String villageCode, @Argument Integer first, @Argument String after,
                         DataFetchingFieldSelectionSet selection) {
        Access.requireStaffIn(countyCode, "contractPlots");
        units.requireExisting("countyCode", countyCode);
        SqlWhere w = new SqlWhere().equal(countyCode, "t.county_code");
        if (villageCode != null) {
            if (!villageCode.matches("[0-9]{12}") || !villageCode.startsWith(countyCode)) {
                throw ApiException.badInput("villageCode", "must be the 12-digit code of a village of county " + countyCode + ", got " + villageCode);
            }
            w.equal(villageCode, "t.village_code");
        }
        return Connections.fetch(jdbc, PLOT, "contract_plot t", w, "t.dkbm", PageRequest.of(first, after, null, null), selection);
    }

    @BatchMapping(typeName = "ContractPlot", field = "village")
    Map<Map<String, Object>, Map<String, Object>> plotVillage(List<Map<String, Object>> rows) {
        return Batches.bySource(rows, units.byCodes(rows.stream().map(r -> (String) r.get("villageCode")).toList()));
    }
}
