package org.landatlas.circulation;

import java.util.Arrays;

/**
 * The intended use of circulated land, as a closed vocabulary so the rules can read it (a free-text use cannot be
 * checked). Non-agricultural uses are listed only to be refused with the reason (流转不得改变土地的农业用途);
 * {@code pbfForbidden} are the uses 自然资发〔2021〕166号 forbids on permanent basic farmland (林果, 挖塘养鱼, 苗木草皮,
 * new livestock facilities); {@code grain} uses are those permanent basic farmland is kept for (国办发〔2020〕44号).
 */
enum ContractUse {
    GRAIN("粮食作物", true, true, false),
    SEED_PRODUCTION("制种", true, true, false),
    CASH_CROP("经济作物(棉油糖等)", true, false, false),
    VEGETABLES("蔬菜", true, false, false),
    FORAGE("饲草", true, false, false),
    MEDICINAL_HERBS("中药材", true, false, false),
    FACILITY_AGRICULTURE("设施农业", true, false, false),
    ORCHARD("林果/茶园", true, false, true),
    FORESTRY("林木", true, false, true),
    NURSERY("苗木花卉草皮", true, false, true),
    FISH_POND("挖塘养鱼", true, false, true),
    LIVESTOCK("畜禽养殖", true, false, true),
    GRAZING("放牧", true, false, false),
    CONSTRUCTION("非农建设", false, false, true),
    MINING("采矿/取土/采砂", false, false, true),
    LANDSCAPING("挖湖造景/绿化带", false, false, true);

    final String chinese;
    final boolean agricultural;
    final boolean grain;
    final boolean pbfForbidden;

    ContractUse(String chinese, boolean agricultural, boolean grain, boolean pbfForbidden) {
        this.chinese = chinese;
        this.agricultural = agricultural;
        this.grain = grain;
        this.pbfForbidden = pbfForbidden;
    }

    String code() {
        return name().toLowerCase();
    }

    static ContractUse of(String graphQl) {
        return Arrays.stream(values()).filter(u -> u.name().equals(graphQl)).findFirst()
                .orElseThrow(() -> org.landatlas.platform.ApiException.badInput("input.use", "unknown use " + graphQl));
    }
}
