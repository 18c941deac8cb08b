package org.landatlas.solar;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import graphql.schema.DataFetchingFieldSelectionSet;
import org.landatlas.platform.Ids;
import org.landatlas.platform.RecordArgument;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.stereotype.Controller;

/** GraphQL mutations of the PV workflow (graphql-schema/solar.graphqls); the rules are in {@link PvWorkflow}. */
@Controller
class PvWorkflowController {

    private final PvWorkflow workflow;
    private final GridWork grid;
    private final SolarQueries queries;

    PvWorkflowController(PvWorkflow workflow, GridWork grid, SolarQueries queries) {
        this.workflow = workflow;
        this.grid = grid;
        this.queries = queries;
    }

    @MutationMapping
    Map<String, Object> createPvSite(@RecordArgument PvInputs.NewSite input, DataFetchingFieldSelectionSet selection) {
        long id = workflow.create(input);
        return queries.site(id, selection);
    }

    @MutationMapping
    String deletePvSite(@Argument String id, @Argument Integer expectedVersion) {
        workflow.delete(id, expectedVersion);
        return id;
    }

    @MutationMapping
    Map<String, Object> setTransformerGridFigures(@Argument String id, @RecordArgument PvInputs.TransformerGrid input, @Argument Integer expectedVersion) {
        grid.setTransformerFigures(id, input, expectedVersion);
        return queries.transformersByIds(List.of(Ids.parse("id", id))).get(0);
    }

    @MutationMapping
    Map<String, Object> setGridUpstreamCapacity(@Argument String id, @Argument Double openCapacityKw, @Argument LocalDate publishedOn) {
        grid.setUpstreamCapacity(id, openCapacityKw, publishedOn);
        return queries.upstreamByIds(List.of(Ids.parse("id", id))).get(0);
    }

    @MutationMapping
    Map<String, Object> surveyPvSite(@Argument String id, @RecordArgument PvInputs.Survey input, @Argument Integer expectedVersion,
            DataFetchingFieldSelectionSet selection) {
        workflow.survey(id, input, expectedVersion);
        return queries.site(id, selection);
    }

    @MutationMapping
    Map<String, Object> recordPvConsent(@Argument String id, @Argument LocalDate consentOn, @Argument String signedBy, @Argument String documentRef,
            @Argument Integer expectedVersion, DataFetchingFieldSelectionSet selection) {
        workflow.consent(id, consentOn, signedBy, documentRef, expectedVersion);
        return queries.site(id, selection);
    }

    @MutationMapping
    Map<String, Object> assignPvTransformer(@Argument String id, @Argument String transformerId, @Argument Integer expectedVersion,
            DataFetchingFieldSelectionSet selection) {
        workflow.assignTransformer(id, transformerId, expectedVersion);
        return queries.site(id, selection);
    }

    @MutationMapping
    Map<String, Object> setPvSiteStatus(@Argument String id, @Argument String status, @Argument String reason, @Argument String filingNo,
            @Argument LocalDate connectedOn, @Argument Integer expectedVersion, DataFetchingFieldSelectionSet selection) {
        workflow.setStatus(id, status, reason, filingNo, connectedOn, expectedVersion);
        return queries.site(id, selection);
    }

    @MutationMapping
    Map<String, Object> setPvAssumptions(@Argument String countyCode, @RecordArgument PvInputs.Assumptions input, @Argument Integer expectedVersion) {
        workflow.setAssumptions(countyCode, input, expectedVersion);
        return queries.assumptions(countyCode);
    }
}
