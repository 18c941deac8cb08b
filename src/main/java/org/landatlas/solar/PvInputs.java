package org.landatlas.solar;

import org.locationtech.jts.geom.Geometry;

/** GraphQL inputs of the PV workflow, bound by Spring ({@code @RecordArgument}). */
final class PvInputs {

    private PvInputs() {
    }

    /** PvSurveyInput. */
    record Survey(String roofType, Double usableShare, Double tiltDeg, Double azimuthDeg, Double altitudeM, Double capacityKw, Boolean collectiveInvested) {
    }

    /** PvAssumptionsInput: absent fields keep their value. */
    record Assumptions(String gridRegion, Double wattsPerM2, Double annualHours, Double referenceAltitudeM, Double hoursGainPer1000m,
                       Double benchmarkPrice, Boolean benchmarkVerified, Double retailPrice, Double selfUseShare, Double investmentYuanPerKw,
                       Double collectiveShare, String hostingRule, Double hostingShare, Double dltBetaSingle, Double dltLoadingLimit, Double dltCosPhi,
                       Double dltTau, String assignmentRule, String source) {
    }

    /** PvSiteInput: a candidate drawn on the map (createPvSite). */
    record NewSite(String countyCode, String siteKind, Geometry outline, String roofType, Double usableShare, Double tiltDeg, Double azimuthDeg,
                   Double altitudeM, String gridMode, String ownerType, Boolean collectiveInvested) {
    }

    /** TransformerGridInput: every grid figure of a transformer (setTransformerGridFigures); null pvHostingRatio / upstreamId clear them. */
    record TransformerGrid(Integer ratedKva, Double minNoonLoadKw, Double otherGenerationKw, Double storageChargeKw, Integer parallelCount,
                           Double pvHostingRatio, String upstreamId) {
    }
}
