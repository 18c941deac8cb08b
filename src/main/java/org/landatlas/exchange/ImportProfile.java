package org.landatlas.exchange;

import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * One kind of layer a bureau can import (the land survey's DLTB parcels, village boundaries …), declared as a bean
 * by the feature that owns the tables it fills. The exchange module stages the file, runs the profile's checks
 * over the staged rows and, on commit, calls {@link #merge} inside the transaction that also records the job.
 */
public interface ImportProfile {

    /** Key used in URLs and jobs, e.g. {@code dltb}. */
    String name();

    /** Shown to staff, Chinese first, e.g. "三调地类图斑 DLTB". */
    String title();

    /** The geometry type features are staged as (ogr2ogr -nlt), e.g. MULTIPOLYGON. */
    default String geometryType() {
        return "MULTIPOLYGON";
    }

    /** The source fields the layer must or may have (matched case-insensitively). */
    List<ImportField> fields();

    /** Checks of the staged rows; blocking ones must pass before a commit. */
    List<ImportCheck> checks();

    /** Named parameters the checks use besides {@code :county} (e.g. the county's villages and boundary). */
    Map<String, Object> checkParameters(String countyCode);

    /**
     * The same with the upload's {@linkplain #options() options} (each already one of its values, defaults filled in),
     * for profiles whose checks depend on them; the default ignores them.
     */
    default Map<String, Object> checkParameters(String countyCode, Map<String, String> options) {
        return checkParameters(countyCode);
    }

    /**
     * Upload options of this profile beyond the shared ones (crs, encoding, layer, scope, mapping, gcj02): query-string
     * parameters of {@code /exchange/imports}, each with the values it takes. The job keeps them; the checks see them
     * through {@link #checkParameters(String, Map)}, the merge through {@link StagedLayer#options()}.
     */
    default List<ImportOption> options() {
        return List.of();
    }

    /**
     * Merges the staged rows into the feature's tables for {@code countyCode}: adds new records, updates changed
     * ones by key, removes the county's imported records missing from the file. Runs in the caller's transaction;
     * throwing rolls everything back. What changed goes, in SQL, into {@link StagedLayer#changes()} (columns
     * {@code record_key text, change text} ({@code added}, {@code changed}, {@code removed}) and {@code fields jsonb}
     * ({@code {"field": [before, after]}}, for changed records)), so that a million changes never sit in the heap.
     */
    void merge(NamedParameterJdbcTemplate jdbc, StagedLayer layer, String countyCode, boolean repairGeometries);

    /** An upload option: its query-string name, what it chooses, and its values (the first is the default). */
    record ImportOption(String name, String description, List<String> values) {
        public ImportOption {
            if (values.isEmpty()) {
                throw new IllegalArgumentException("option " + name + " has no values");
            }
            values = List.copyOf(values);
        }

        public String defaultValue() {
            return values.get(0);
        }
    }

    /** A source field: its name in the file (lower case, as staged), whether required, and its meaning. */
    record ImportField(String name, boolean required, String description) {
    }

    /**
     * A check over the staged table, aliased {@code s} (columns: {@code row_no}, {@code geom} in EPSG:4490 and the
     * source fields in lower case, all text). {@code offendingRows} is a SELECT of {@code row_no, record_key, detail}
     * over {@code s} with {@code :county} bound to the county code and {@code :scope} to the {@link Scope} (lower case), e.g.
     * {@code SELECT row_no, bsm, 'TBMJ is not a number: ' || tbmj FROM {staged} s WHERE …} where {@code {staged}}
     * is replaced by the staged table.
     */
    record ImportCheck(String code, String title, boolean blocking, String offendingRows) {
    }

    /**
     * The staged file: its table (schema-qualified) and row count, the table (temporary, of the commit's
     * transaction) that the merge writes its changes to, and the upload's profile options (defaults filled in).
     */
    record StagedLayer(String table, int rows, String changes, Scope scope, Map<String, String> options) {
        public StagedLayer {
            options = options == null ? Map.of() : Map.copyOf(options);
        }

        public StagedLayer(String table, int rows, String changes, Scope scope) {
            this(table, rows, changes, scope, Map.of());
        }
    }

    /** What a file replaces (checks see it as {@code :scope}, its name in lower case). */
    enum Scope {
        /** The county's whole layer: the county's imported records the file lacks are removed. */
        COUNTY,
        /** The villages the file touches: their imported records the file lacks are removed. */
        VILLAGES,
        /** Records are added or updated; none is removed. */
        ADD
    }
}
