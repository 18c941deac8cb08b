package org.landatlas.circulation;

import java.time.LocalDate;
import java.util.List;

/** The GraphQL inputs of contract work (circulation-contract.graphqls), bound by {@code @RecordArgument}. */
final class ContractInputs {

    private ContractInputs() {
    }

    /** {@code NewTransfereeInput}. */
    record NewTransferee(String countyCode, String kind, String name, String creditCode, Integer establishedYear, String mainBusiness, Contact contact) {
    }

    /** {@code TransfereeContactInput}: a natural person, stored in {@code personal.transferee_contact}. */
    record Contact(String name, String phone, String idNumber) {
    }

    /** {@code ContractInput}: the whole content of a contract (an update replaces it all). */
    record Contract(String countyCode, String villageCode, String contractNo, String listingId, String transfereeId, String collectiveVillageCode,
                    String mode, List<ParcelShare> parcels, List<TransferorShare> transferors, LocalDate termStart, LocalDate termEnd,
                    Double priceYuanPerMuYear, List<Payment> payments, String use, String intendedUse, Boolean supervision, Boolean registered,
                    Equity equity) {
    }

    /** A parcel under the contract and the area of it circulated (default: the whole parcel). */
    record ParcelShare(String parcelId, Double areaMu) {
    }

    record TransferorShare(String householdId, Double areaMu) {
    }

    record Payment(LocalDate dueOn, Double amountYuan, Boolean paid) {
    }

    /** {@code EquityInput}: the dividend rule and the shareholders of a 入股 contract. */
    record Equity(String dividendRule, Double baseYuan, Double profitPct, List<Shareholder> shareholders) {
    }

    /** A household or the village collective, with its share in percent. */
    record Shareholder(String householdId, String collectiveVillageCode, Double sharePct) {
    }

    /** {@code MortgageInput}. */
    record Mortgage(String lender, Double amountYuan, LocalDate termStart, LocalDate termEnd, LocalDate registeredOn) {
    }
}
