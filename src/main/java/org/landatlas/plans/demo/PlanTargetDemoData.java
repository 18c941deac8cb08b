package org.landatlas.plans.demo;

import java.util.List;

import org.landatlas.demodata.CopyTable;
import org.landatlas.demodata.CountyCharacter;
import org.landatlas.demodata.DemoCounty;
import org.landatlas.demodata.DemoDataPart;
import org.landatlas.demodata.DemoTable;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** The targets of each county's plans (published where the plan is, synthetic otherwise), from its character. */
@Component
@Order(900)
class PlanTargetDemoData implements DemoDataPart {

    static final DemoTable PLAN_TARGET = DemoTable.serial("plan_target", "county_code", "target_year", "metric", "target_value", "unit",
            "cumulative", "source_document", "synthetic");

    @Override
    public List<DemoTable> tables() {
        return List.of(PLAN_TARGET);
    }

    @Override
    public CountyWork start(DemoCounty county) {
        return new CountyWork() {
            @Override
            public void records() {
                CopyTable targets = county.rows(PLAN_TARGET);
                for (CountyCharacter.TargetDef d : county.character().targets()) {
                    targets.add(county.code(), d.year(), d.metric(), d.value(), d.unit(), d.cumulative(), d.source(), d.synthetic());
                }
            }
        };
    }
}
