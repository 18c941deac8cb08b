package org.landatlas.homestead;

import java.time.LocalDate;

/** The GraphQL inputs of the homestead workflow, bound by {@code @RecordArgument}; {@link HomesteadWorkflow} checks them. */
final class HomesteadInputs {

    private HomesteadInputs() {
    }

    /** surveyHomestead: the idleness as found (occupancy IDLE or ABANDONED, since when, on what evidence). */
    record Survey(Integer expectedVersion, String occupancy, LocalDate idleSince, String idleEvidence, String idleEvidenceNote, LocalDate surveyedOn,
                  String reason) {
    }

    /** listHomestead: the household's consent (自愿, no forced transfer). */
    record Listing(Integer expectedVersion, LocalDate consentOn, String consentDocument, String reason) {
    }

    /** The terms of a revitalization agreement (startHomesteadNegotiation, revitalizeHomestead). */
    record Agreement(String mode, String counterpartyKind, String counterpartyName, String newUse, String useDescription, LocalDate termStart,
                     LocalDate termEnd, Double incomeHouseholdYuan, Double incomeCollectiveYuan, Double investmentWanYuan) {
    }

    /**
     * recordHouseSafetyChecks: one house safety check (农房安全排查) — the homestead and, when it has several houses,
     * the house; what was found; optionally the occupancy found with its evidence.
     */
    record SafetyCheck(String homesteadId, String houseId, Integer expectedVersion, LocalDate checkedOn, String condition, String safetyGrade,
                       String structure, String findings, String documentRef, String occupancy, LocalDate idleSince, String idleEvidence,
                       String idleEvidenceNote) {
    }
}
