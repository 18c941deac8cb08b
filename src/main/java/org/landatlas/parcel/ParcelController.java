package org.landatlas.parcel;

import java.util.List;
import java.util.Map;

import graphql.schema.DataFetchingFieldSelectionSet;
import org.landatlas.platform.RecordArgument;
import org.landatlas.platform.Ids;
import org.landatlas.platform.PageRequest;
import org.landatlas.region.AdminUnitQueries;
import org.landatlas.terrain.BeltQueries;
import org.landatlas.platform.Batches;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** GraphQL: parcels, land statistics and the land-class catalogue. */
@Controller
class ParcelController {

    private final ParcelQueries parcels;
    private final AdminUnitQueries units;
    private final BeltQueries belts;
    private final FarmlandProtectionQueries protection;

    ParcelController(ParcelQueries parcels, AdminUnitQueries units, BeltQueries belts, FarmlandProtectionQueries protection) {
        this.parcels = parcels;
        this.units = units;
        this.belts = belts;
        this.protection = protection;
    }

    @QueryMapping
    graphql.relay.Connection<Object> parcels(@RecordArgument ParcelFilter filter, @Argument Integer first, @Argument String after, @Argument Integer last,
                                @Argument String before, @RecordArgument ParcelOrder orderBy, DataFetchingFieldSelectionSet selection) {
        PageRequest page = PageRequest.of(first, after, last, before);
        return parcels.page(ParcelFilter.where(filter, "filter", units), page, orderBy, selection);
    }

    @QueryMapping
    Map<String, Object> parcel(@Argument String id, DataFetchingFieldSelectionSet selection) {
        return parcels.one("id", Ids.parse("id", id), selection);
    }

    @QueryMapping
    Map<String, Object> parcelByBsm(@Argument String bsm, DataFetchingFieldSelectionSet selection) {
        return parcels.one("bsm", bsm, selection);
    }

    @QueryMapping
    List<Map<String, Object>> landStats(@RecordArgument ParcelFilter filter, @Argument List<String> groupBy) {
        return parcels.landStats(ParcelFilter.where(filter, "filter", units), groupBy);
    }

    @QueryMapping
    List<Map<String, Object>> landClasses(@Argument String classSystem) {
        return parcels.landClasses(classSystem);
    }

    @BatchMapping(typeName = "Parcel")
    Map<Map<String, Object>, Map<String, Object>> village(List<Map<String, Object>> ps) {
        return Batches.bySource(ps, units.byCodes(ps.stream().map(p -> (String) p.get("villageCode")).toList()));
    }

    @BatchMapping(typeName = "Parcel")
    Map<Map<String, Object>, Map<String, Object>> township(List<Map<String, Object>> ps) {
        return Batches.bySource(ps, units.byCodes(ps.stream().map(p -> ((String) p.get("villageCode")).substring(0, 9)).toList()));
    }

    @BatchMapping(typeName = "Parcel")
    Map<Map<String, Object>, Map<String, Object>> county(List<Map<String, Object>> ps) {
        return Batches.bySource(ps, units.byCodes(ps.stream().map(p -> ((String) p.get("villageCode")).substring(0, 6)).toList()));
    }

    @BatchMapping(typeName = "Parcel")
    Map<Map<String, Object>, Map<String, Object>> belt(List<Map<String, Object>> ps) {
        return Batches.bySource(ps, belts.byIds(ps.stream().map(p -> (Long) p.get("beltId")).toList()));
    }

    @BatchMapping(typeName = "Parcel")
    Map<Map<String, Object>, Map<String, Object>> highStandardFarmlandProject(List<Map<String, Object>> ps) {
        return Batches.bySource(ps, protection.projectsByIds(ps.stream().map(p -> (Long) p.get("hsfProjectId")).toList()));
    }
}
