package org.landatlas.parcel;

import java.util.Map;

import org.landatlas.exchange.Exports;
import org.landatlas.platform.RecordArgument;
import org.landatlas.region.AdminUnitQueries;
import org.landatlas.security.Access;
import org.landatlas.security.Viewer;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.stereotype.Controller;

/**
 * GraphQL: exportParcels — the parcels of a ParcelFilter (the very input of the parcels query, checked the same
 * way) as a GeoPackage, Shapefile, GeoJSON, CSV or FlatGeobuf written by GDAL, with the 三调 DLTB field names.
 */
@Controller
class ParcelExportController {

    /** The DLTB fields of the survey database, then LandAtlas's ellipsoidal area, in the names GIS users know. */
    static final String COLUMNS = """
            t.bsm AS "BSM", t.tbbh AS "TBBH", t.dlbm AS "DLBM", t.dlmc AS "DLMC", t.qsxz AS "QSXZ", t.qsdwdm AS "QSDWDM", t.qsdwmc AS "QSDWMC",
            t.zldwdm AS "ZLDWDM", t.zldwmc AS "ZLDWMC", t.tbmj::float8 AS "TBMJ", t.kcdlbm AS "KCDLBM", t.kcxs::float8 AS "KCXS", t.kcmj::float8 AS "KCMJ",
            t.tbdlmj::float8 AS "TBDLMJ", t.gdlx AS "GDLX", t.gdpdjb AS "GDPDJB", t.zzsxdm AS "ZZSXDM", t.zzsxmc AS "ZZSXMC", t.gddb AS "GDDB",
            t.czcsxm AS "CZCSXM", t.sjnf AS "SJNF", t.bz AS "BZ", round(t.area_m2::numeric, 2)::float8 AS "AREA_M2", t.geom""";

    private final Exports exports;
    private final AdminUnitQueries units;

    ParcelExportController(Exports exports, AdminUnitQueries units) {
        this.exports = exports;
        this.units = units;
    }

    @MutationMapping
    Map<String, Object> exportParcels(@RecordArgument ParcelFilter filter, @Argument String format, @Argument String shapefileEncoding) {
        Viewer viewer = Access.requireStaff("exportParcels");
        ParcelFilter.Where where = ParcelFilter.where(filter, "filter", units);
        return exports.exportMutation(viewer, "exportParcels", "land_parcel", "DLTB", format, shapefileEncoding,
                "SELECT " + COLUMNS + " FROM land_parcel t WHERE " + where.condition().sql() + " ORDER BY t.id", where.condition().params());
    }
}
