package org.landatlas.parcel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import graphql.language.EnumTypeDefinition;
import graphql.language.EnumValueDefinition;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import org.junit.jupiter.api.Test;

/**
 * The land-class groups have one source: the Java list, the GraphQL enum and what the web map imports are that
 * file, and the start-up check refuses an enum or database that disagrees with it. (That the real land_class rows
 * agree is checked by every start of the application, the integration tests' included.)
 */
class LandClassGroupsTest {

    private static final List<String> CODES = List.of("farmland", "garden", "forest", "grassland", "homestead", "construction", "water", "other");

    @Test
    void theListIsTheEightGroupsInLegendOrder() {
        assertThat(LandClassGroups.codes()).isEqualTo(CODES);
        assertThat(LandClassGroups.all().get(0)).isEqualTo(new LandClassGroup("farmland", "耕地", "Cropland", "#ffd966"));
    }

    @Test
    void theStatisticsNameTheGroupsWithTheSqlTheyUsedBefore() {
        assertThat(LandClassGroups.chineseNameSql()).isEqualTo("CASE %s WHEN 'farmland' THEN '耕地' WHEN 'garden' THEN '园地' WHEN 'forest' THEN '林地'"
                + " WHEN 'grassland' THEN '草地' WHEN 'homestead' THEN '宅基地' WHEN 'construction' THEN '建设用地' WHEN 'water' THEN '水域'"
                + " ELSE '其他' END");
    }

    @Test
    void theServedEnumIsTheList() throws IOException {
        TypeDefinitionRegistry registry = new TypeDefinitionRegistry();
        try (Stream<Path> files = Files.list(Path.of("graphql-schema"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".graphqls")).toList()) {
                registry.merge(new SchemaParser().parse(Files.readString(f)));
            }
        }
        List<String> values = registry.getType(LandClassGroupCheck.ENUM, EnumTypeDefinition.class).orElseThrow()
                .getEnumValueDefinitions().stream().map(EnumValueDefinition::getName).toList();
        assertThatCode(() -> LandClassGroupCheck.requireEnumMatches(values, LandClassGroups.codes())).doesNotThrowAnyException();
    }

    @Test
    void theWebMapImportsTheSameFileAndStatesNoGroupItself() throws IOException {
        Path module = Path.of("web-map/map/land-class-groups.js");
        Matcher imported = Pattern.compile("import \\w+ from '([^']+\\.json)'").matcher(Files.readString(module));
        assertThat(imported.find()).as("land-class-groups.js imports a JSON file").isTrue();
        assertThat(module.getParent().resolve(imported.group(1)).normalize()).isEqualTo(Path.of(LandClassGroups.RESOURCE));
        try (Stream<Path> js = Files.walk(Path.of("web-map/map"))) {
            for (Path f : js.filter(p -> p.toString().endsWith(".js")).toList()) {
                String source = Files.readString(f);
                for (LandClassGroup g : LandClassGroups.all()) {
                    assertThat(source).as("%s restates group %s", f, g.code()).doesNotContain("'cg." + g.code() + "'").doesNotContain(g.colour());
                }
            }
        }
    }

    @Test
    void theCheckRefusesAnEnumThatDiffersInValuesOrOrder() {
        assertThatThrownBy(() -> LandClassGroupCheck.requireEnumMatches(List.of("FARMLAND", "GARDEN"), List.of("farmland", "garden", "water")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("GraphQL enum LandClassGroup [FARMLAND, GARDEN] is not the list of gis-data/land-class-groups.json"
                        + " [FARMLAND, GARDEN, WATER] (same values, same order)");
        assertThatThrownBy(() -> LandClassGroupCheck.requireEnumMatches(List.of("GARDEN", "FARMLAND"), List.of("farmland", "garden")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("same order");
    }

    @Test
    void theCheckReadsTheEnumOfTheSchema() {
        GraphQLSchema schema = new SchemaGenerator().makeExecutableSchema(
                new SchemaParser().parse("type Query { g: LandClassGroup } enum LandClassGroup { FARMLAND OTHER }"), RuntimeWiring.newRuntimeWiring().build());
        assertThat(LandClassGroupCheck.enumValues(schema)).containsExactly("FARMLAND", "OTHER");
        GraphQLSchema without = new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse("type Query { x: Int }"),
                RuntimeWiring.newRuntimeWiring().build());
        assertThatThrownBy(() -> LandClassGroupCheck.enumValues(without)).hasMessageContaining("no enum LandClassGroup");
    }

    @Test
    void theCheckRefusesDatabaseGroupsTheListLacksOrListedGroupsWithoutClasses() {
        assertThatCode(() -> LandClassGroupCheck.requireDatabaseMatches(Set.copyOf(CODES), CODES)).doesNotThrowAnyException();
        assertThatThrownBy(() -> LandClassGroupCheck.requireDatabaseMatches(Set.of("farmland", "wetland", "other"), List.of("farmland", "water", "other")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("land_class.class_group and gis-data/land-class-groups.json disagree. Groups of land classes that the list lacks: [wetland]."
                        + " Listed groups without a land class: [water].");
    }

    @Test
    void aListWithDuplicatesBadColoursOrNoCatchAllIsRefused() {
        assertThatThrownBy(() -> parse("""
                [{"code": "farmland", "name": "耕地", "nameEn": "Cropland", "colour": "#ffd966"},
                 {"code": "farmland", "name": "耕地", "nameEn": "Cropland", "colour": "#ffd966"}]"""))
                .hasMessageContaining("group farmland: the code must be lower-case letters and unique");
        assertThatThrownBy(() -> parse("""
                [{"code": "other", "name": "其他", "nameEn": "Other", "colour": "grey"}]"""))
                .hasMessageContaining("group other: the colour must be #rrggbb");
        assertThatThrownBy(() -> parse("""
                [{"code": "farmland", "name": "耕地", "nameEn": "Cropland", "colour": "#ffd966"}]"""))
                .hasMessageContaining("the group 'other' (everything else) is missing");
        assertThat(parse("""
                [{"code": "other", "name": "其他", "nameEn": "Other", "colour": "#bdbdbd"}]""")).hasSize(1);
    }

    private static List<LandClassGroup> parse(String json) {
        return LandClassGroups.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }
}
