package org.landatlas.plans;

import java.util.Objects;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/**
 * Where and over which period a target's achievement is measured: a county and a year, as the stock at the end
 * of that year ({@code cumulative}) or the flow within it. Metrics take the scope as one value so that progress
 * by township or village (a code prefix) and monthly snapshots can add their fields here without changing
 * every metric's signature.
 */
public record PlanScope(String countyCode, int year, boolean cumulative) {

    public PlanScope {
        Objects.requireNonNull(countyCode, "countyCode");
    }

    /** The scope as the named parameters {@code :county}, {@code :year} and {@code :cumulative} of a metric's SQL. */
    public MapSqlParameterSource parameters() {
        return new MapSqlParameterSource().addValue("county", countyCode).addValue("year", year).addValue("cumulative", cumulative);
    }
}
