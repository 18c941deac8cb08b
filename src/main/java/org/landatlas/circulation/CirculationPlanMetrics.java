package org.landatlas.circulation;

import java.util.Map;

import org.landatlas.parcel.ParcelQueries;
import org.landatlas.plans.PlanMetric;
import org.landatlas.plans.PlanScope;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Plan metrics measured from contracts in force: the area circulated so far, by land kind (stock, any year), also per township and village. */
@Configuration(proxyBeanMethods = false)
class CirculationPlanMetrics {

    @Bean
    PlanMetric farmlandCirculatedMu(ParcelQueries parcels) {
        return circulated("farmland", parcels);
    }

    @Bean
    PlanMetric pastureCirculatedMu(ParcelQueries parcels) {
        return circulated("pasture", parcels);
    }

    @Bean
    PlanMetric forestCirculatedMu(ParcelQueries parcels) {
        return circulated("forest", parcels);
    }

    /**
     * The area of the county's parcels that a contract in force of this land kind holds, counted once per parcel
     * (two contracts over one parcel do not double it): the same parcels and areas the summary, the tiles and
     * the statistics count as circulated, since their status and the kind stored beside it are derived from the same
     * contracts in the same statement (CirculationStatusRule).
     */
    private static PlanMetric circulated(String landKind, ParcelQueries parcels) {
        return new PlanMetric() {
            @Override
            public String id() {
                return landKind + "_circulated_mu";
            }

            @Override
            public String unit() {
                return "亩";
            }

            @Override
            public double achieved(PlanScope scope) {
                return parcels.areaMuByUnit(scope.countyCode(), landKind, 6).values().stream().mapToDouble(Double::doubleValue).sum();
            }

            @Override
            public boolean measuredByUnit() {
                return true;
            }

            @Override
            public Map<String, Double> achievedByUnit(PlanScope scope, int codeLength) {
                return parcels.areaMuByUnit(scope.countyCode(), landKind, codeLength);
            }

            @Override
            public String toString() {
                return "circulated area of " + landKind;
            }
        };
    }
}
