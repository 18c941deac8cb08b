package org.landatlas.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.landatlas.testing.IntegrationTest;

/**
 * GraphQL inputs bound to records: the same filter given inline or through variables selects the same rows,
 * every feature's filter refuses bad values naming the field at fault, and wrongly typed values are bad input.
 */
class TypedInputsTest extends IntegrationTest {

    private static final String BOX = "[99.5, 27.5, 99.9, 27.9]";
    private static final List<Double> BOX_VALUES = List.of(99.5, 27.5, 99.9, 27.9);

    private static JsonNode error(JsonNode response) {
        assertThat(response.path("errors").size()).as("errors of %s", response).isPositive();
        return response.path("errors").get(0);
    }

    private static void refused(JsonNode response, String code, String argument, String reasonPart) {
        JsonNode e = error(response);
        assertThat(e.path("extensions").path("code").asString()).as("%s", e).isEqualTo(code);
        assertThat(e.path("message").asString()).as("%s", e).startsWith(argument + ": ").contains(reasonPart);
        assertThat(e.path("extensions").path("argument").asString()).as("%s", e).isEqualTo(argument);
    }

    private static int total(JsonNode response, String field) {
        assertThat(response.has("errors")).as("errors: %s", response.path("errors")).isFalse();
        return response.path("data").path(field).path("totalCount").asInt();
    }

    @Test
    void wronglyTypedFilterFieldsAreBadInput() {
        // Through variables graphql-java refuses the value while coercing them, before any binding; it names the
        // variable and what it expected.
        JsonNode viaVariables = graphql("query($f: ParcelFilter) { parcels(filter: $f) { totalCount } }", Map.of("f", Map.of("areaMu", Map.of("min", "x"))));
        assertThat(error(viaVariables).path("extensions").path("code").asString()).isEqualTo("BAD_USER_INPUT");
        assertThat(error(viaVariables).path("message").asString()).contains("Variable 'f'").contains("Number");
        JsonNode box = graphql("query($f: ListingFilter) { circulationListings(filter: $f) { totalCount } }", Map.of("f", Map.of("bbox", List.of(99.5, "x", 99.9, 27.9))));
        assertThat(error(box).path("extensions").path("code").asString()).isEqualTo("BAD_USER_INPUT");
        // Inline, validation names the field's path.
        JsonNode inline = graphql("{ parcels(filter: { areaMu: { min: \"x\" } }) { totalCount } }");
        assertThat(error(inline).path("extensions").path("code").asString()).isEqualTo("BAD_USER_INPUT");
        assertThat(error(inline).path("message").asString()).contains("filter.areaMu.min");
    }

    @Test
    void filtersGivenThroughVariablesSelectWhatInlineFiltersSelect() {
        String admin = adminToken();
        record Case(String field, String type, String inline, Map<String, Object> variables) {
        }
        List<Case> cases = List.of(
                new Case("parcels", "ParcelFilter", "{ bbox: " + BOX + ", areaMu: { min: 10, max: 60 }, classGroups: [FARMLAND], slopeDeg: { max: 25 } }",
                        Map.of("bbox", BOX_VALUES, "areaMu", Map.of("min", 10, "max", 60), "classGroups", List.of("FARMLAND"), "slopeDeg", Map.of("max", 25))),
                new Case("parcels", "ParcelFilter", "{ near: { point: [99.7, 27.83], distanceM: 20000 }, belts: [\"plateau\", \"valley\"] }",
                        Map.of("near", Map.of("point", List.of(99.7, 27.83), "distanceM", 20000), "belts", List.of("plateau", "valley"))),
                new Case("circulationListings", "ListingFilter", "{ adminCode: \"533401\", price: { max: 2000 }, termYears: { min: 5 }, landKinds: [FARMLAND] }",
                        Map.of("adminCode", "533401", "price", Map.of("max", 2000), "termYears", Map.of("min", 5), "landKinds", List.of("FARMLAND"))),
                new Case("homesteads", "HomesteadFilter", "{ bbox: " + BOX + ", occupancies: [IDLE], minIdleYears: 1.5 }",
                        Map.of("bbox", BOX_VALUES, "occupancies", List.of("IDLE"), "minIdleYears", 1.5)),
                new Case("pvSites", "PvSiteFilter", "{ capacityKw: { min: 5 }, siteKinds: [HOMESTEAD_ROOF, YARD] }",
                        Map.of("capacityKw", Map.of("min", 5), "siteKinds", List.of("HOMESTEAD_ROOF", "YARD"))),
                new Case("highStandardFarmlandProjects", "HighStandardFarmlandFilter", "{ adminCode: \"533401\", year: { min: 2015, max: 2022 } }",
                        Map.of("adminCode", "533401", "year", Map.of("min", 2015, "max", 2022))),
                new Case("protectionZones", "ProtectionZoneFilter", "{ countyCode: \"533401\", zoneTypes: [GRAZING_BAN, REST_GRAZING] }",
                        Map.of("countyCode", "533401", "zoneTypes", List.of("GRAZING_BAN", "REST_GRAZING"))),
                new Case("circulationContracts", "ContractFilter", "{ adminCode: \"533401\", endsBetween: [\"2025-01-01\", \"2045-12-31\"], modes: [LEASE] }",
                        Map.of("adminCode", "533401", "endsBetween", List.of("2025-01-01", "2045-12-31"), "modes", List.of("LEASE"))));
        for (Case c : cases) {
            int inline = total(graphqlAs(admin, "{ " + c.field() + "(filter: " + c.inline() + ") { totalCount } }"), c.field());
            int bound = total(graphqlAs(admin, "query($f: " + c.type() + ") { " + c.field() + "(filter: $f) { totalCount } }", Map.of("f", c.variables())), c.field());
            int all = total(graphqlAs(admin, "{ " + c.field() + " { totalCount } }"), c.field());
            assertThat(bound).as("%s through variables", c.inline()).isEqualTo(inline);
            assertThat(inline).as("%s narrows the %s", c.inline(), c.field()).isPositive().isLessThan(all);
        }
        // Arguments outside a filter object too.
        JsonNode near = graphql("query($n: NearInput) { pointsOfInterest(near: $n, first: 3) { totalCount edges { node { distanceM } } } }",
                Map.of("n", Map.of("point", List.of(99.7, 27.83), "distanceM", 20000)));
        assertThat(near.path("data").path("pointsOfInterest").path("totalCount").asInt())
                .isEqualTo(total(graphql("{ pointsOfInterest(near: { point: [99.7, 27.83], distanceM: 20000 }) { totalCount } }"), "pointsOfInterest"));
        assertThat(near.path("data").path("pointsOfInterest").path("edges").get(0).path("node").path("distanceM").asDouble()).isBetween(0.0, 20000.0);
    }

    @Test
    void everyFeatureFilterRefusesBadValuesNamingTheField() {
        refused(graphql("{ circulationListings(filter: { price: { min: 50, max: 10 } }) { totalCount } }"), "BAD_USER_INPUT", "filter.price", "greater than max");
        refused(graphql("{ circulationListings(filter: { termYears: { max: 101 } }) { totalCount } }"), "BAD_USER_INPUT", "filter.termYears", "outside [0.0, 100.0]");
        refused(graphql("{ circulationListings(filter: { maxRoadDistanceM: -5 }) { totalCount } }"), "BAD_USER_INPUT", "filter.maxRoadDistanceM", "negative");
        refused(graphql("{ circulationListings(filter: { bbox: [1, 2, 3] }) { totalCount } }"), "BAD_USER_INPUT", "filter.bbox", "4 numbers");
        refused(graphql("{ homesteads(filter: { minIdleYears: -1 }) { totalCount } }"), "BAD_USER_INPUT", "filter.minIdleYears", "negative");
        refused(graphql("{ homesteads(filter: { bbox: [99.9, 27.5, 99.5, 27.9] }) { totalCount } }"), "BAD_USER_INPUT", "filter.bbox", "inverted");
        refused(graphql("{ pvSites(filter: { capacityKw: { min: -1 } }) { totalCount } }"), "BAD_USER_INPUT", "filter.capacityKw", "outside [0.0, ∞]");
        refused(graphql("{ pvSites(filter: { transformerId: \"x\" }) { totalCount } }"), "BAD_USER_INPUT", "filter.transformerId", "not an id");
        refused(graphql("{ highStandardFarmlandProjects(filter: { year: { min: 1900 } }) { totalCount } }"), "BAD_USER_INPUT", "filter.year", "outside");
        refused(graphql("{ protectionZones(filter: { containsPoint: [500, 1] }) { totalCount } }"), "BAD_USER_INPUT", "filter.containsPoint", "longitude");
        refused(graphql("{ parcels(filter: { elevationM: { min: -600 } }) { totalCount } }"), "BAD_USER_INPUT", "filter.elevationM", "outside");
        refused(graphql("{ parcels(filter: { near: { point: [99.7] } }) { totalCount } }"), "BAD_USER_INPUT", "filter.near.point", "longitude, latitude");
        refused(graphql("{ roads(bbox: [10, 0, 5, 1]) { totalCount } }"), "BAD_USER_INPUT", "bbox", "inverted");
        refused(graphql("{ idleFacilities(bbox: [1, 2]) { totalCount } }"), "BAD_USER_INPUT", "bbox", "4 numbers");
        refused(graphql("{ distributionTransformers(bbox: [0, 0, 0, 91]) { totalCount } }"), "BAD_USER_INPUT", "bbox", "latitudes in [-90, 90]");
        refused(graphql("{ pointsOfInterest(near: { point: [99.7, 27.83], distanceM: 1e9 }) { totalCount } }"), "BAD_USER_INPUT", "near.distanceM", "at most");
        String admin = adminToken();
        refused(graphqlAs(admin, "{ circulationContracts(filter: { endsBetween: [\"2030-01-01\", \"2020-01-01\"] }) { totalCount } }"), "BAD_USER_INPUT",
                "filter.endsBetween", "is after");
        refused(graphqlAs(admin, "{ circulationContracts(filter: { endsBetween: [\"2030-01-01\"] }) { totalCount } }"), "BAD_USER_INPUT",
                "filter.endsBetween", "[from, to]");
        refused(graphqlAs(admin, "{ circulationContracts(filter: { transfereeId: \"x\" }) { totalCount } }"), "BAD_USER_INPUT", "filter.transfereeId", "not an id");
    }

    @Test
    void theAnonymousAreaLimitReadsBoxesAsTheFiltersDo() {
        refused(graphql("{ parcels(filter: { bbox: [73, 18, 135, 53] }) { totalCount } }"), "TOO_COMPLEX", "filter.bbox", "km²");
        refused(graphql("{ roads(bbox: [73, 18, 135, 53]) { totalCount } }"), "TOO_COMPLEX", "bbox", "km²");
        refused(graphql("{ parcels(filter: { intersects: { type: \"Polygon\", coordinates: [[[73, 18], [135, 18], [135, 53], [73, 53], [73, 18]]] } }) { totalCount } }"),
                "TOO_COMPLEX", "filter.intersects", "km²");
        // A huge but invalid box is left to the filter, whose message names the problem.
        refused(graphql("{ parcels(filter: { bbox: [135, 18, 73, 53] }) { totalCount } }"), "BAD_USER_INPUT", "filter.bbox", "inverted");
        refused(graphql("{ roads(bbox: [-200, 18, 135, 53]) { totalCount } }"), "BAD_USER_INPUT", "bbox", "[-180, 180]");
        // A county-sized box is fine.
        assertThat(total(graphql("{ parcels(filter: { bbox: " + BOX + " }) { totalCount } }"), "parcels")).isPositive();
    }
}
