package org.landatlas.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLInputType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import graphql.schema.idl.UnExecutableSchemaGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/**
 * Every {@code @Argument} and {@code @RecordArgument} of every controller fits the schema type of its argument
 * (records are bound by {@link RecordArgumentResolver}, nothing else is): input records have exactly
 * the input object's fields (a misspelt component would silently never be bound), and each Java type holds every
 * value graphql-java lets through (otherwise a valid request would fail in binding).
 */
class ArgumentTypesTest {

    private static GraphQLSchema schema;

    /** Java types that hold each scalar's coerced values. */
    private static final Map<String, Set<Class<?>>> SCALARS = Map.of(
            "Float", Set.of(Double.class, Object.class),
            "Int", Set.of(Integer.class, Object.class),
            "Boolean", Set.of(Boolean.class, Object.class),
            "String", Set.of(String.class, Object.class),
            "ID", Set.of(String.class, Object.class),
            "GeoJSON", Set.of(Geometry.class, Object.class),
            "Date", Set.of(LocalDate.class, Object.class),
            "DateTime", Set.of(OffsetDateTime.class, Object.class));

    @BeforeAll
    static void parseSchema() throws IOException {
        TypeDefinitionRegistry registry = new TypeDefinitionRegistry();
        for (Resource r : new PathMatchingResourcePatternResolver().getResources("classpath:graphql/*.graphqls")) {
            try (var reader = new InputStreamReader(r.getInputStream(), StandardCharsets.UTF_8)) {
                registry.merge(new SchemaParser().parse(reader));
            }
        }
        schema = UnExecutableSchemaGenerator.makeUnExecutableSchema(registry);
    }

    @Test
    void everyControllerArgumentFitsItsSchemaType() throws Exception {
        List<String> problems = new ArrayList<>();
        int records = 0;
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(Controller.class));
        for (BeanDefinition bean : scanner.findCandidateComponents("org.landatlas")) {
            for (Method m : Class.forName(bean.getBeanClassName()).getDeclaredMethods()) {
                GraphQLFieldDefinition field = field(m);
                if (field == null) {
                    continue;
                }
                for (Parameter p : m.getParameters()) {
                    Argument a = p.getAnnotation(Argument.class);
                    RecordArgument r = p.getAnnotation(RecordArgument.class);
                    if (a == null && r == null) {
                        continue;
                    }
                    String name = a != null ? (a.name().isEmpty() ? p.getName() : a.name()) : (r.value().isEmpty() ? p.getName() : r.value());
                    GraphQLArgument argument = field.getArgument(name);
                    String path = field.getName() + "(" + name + ")";
                    if (a != null && p.getType().isRecord()) {
                        problems.add(path + ": a record argument takes @RecordArgument (Spring's binder reflects on the record on every call)");
                    }
                    if (r != null && !p.getType().isRecord()) {
                        problems.add(path + ": @RecordArgument is for records");
                    }
                    if (argument == null) {
                        problems.add(path + ": no such argument in the schema");
                        continue;
                    }
                    records += p.getType().isRecord() ? 1 : 0;
                    fits(p.getParameterizedType(), argument.getType(), path, problems);
                }
            }
        }
        assertThat(problems).isEmpty();
        assertThat(records).as("filter and order arguments bound to records").isGreaterThanOrEqualTo(10);
    }

    /** The rule fails on a record that does not match its input type. */
    @Test
    void aRecordThatDoesNotMatchItsInputTypeIsReported() {
        record MisspeltNear(List<Double> point, Double distance) {
        }
        record NarrowRange(Integer min, Double max) {
        }
        record FlatBox(Double bbox) {
        }
        List<String> problems = new ArrayList<>();
        fits(MisspeltNear.class, (GraphQLInputType) schema.getType("NearInput"), "near", problems);
        fits(NarrowRange.class, (GraphQLInputType) schema.getType("FloatRange"), "areaMu", problems);
        fits(FlatBox.class, (GraphQLInputType) schema.getType("HomesteadFilter"), "filter", problems);
        assertThat(problems).containsExactly(
                "near: components [distance, point] are not the fields [distanceM, point]",
                "areaMu.min: Integer cannot hold Float",
                "filter: components [bbox] are not the fields [adminCode, bbox, conditions, minIdleYears, occupancies, revitalizationStatuses]");
        problems.clear();
        fits(Near.class, (GraphQLInputType) schema.getType("NearInput"), "near", problems);
        assertThat(problems).isEmpty();
    }

    private static GraphQLFieldDefinition field(Method m) {
        QueryMapping q = AnnotatedElementUtils.findMergedAnnotation(m, QueryMapping.class);
        MutationMapping mu = AnnotatedElementUtils.findMergedAnnotation(m, MutationMapping.class);
        if (q != null) {
            return schema.getQueryType().getFieldDefinition(q.name().isEmpty() ? m.getName() : q.name());
        }
        if (mu != null) {
            return schema.getMutationType().getFieldDefinition(mu.name().isEmpty() ? m.getName() : mu.name());
        }
        return null;
    }

    private static void fits(Type java, GraphQLInputType type, String path, List<String> problems) {
        GraphQLInputType t = type instanceof GraphQLNonNull nn ? (GraphQLInputType) nn.getWrappedType() : type;
        Class<?> raw = java instanceof ParameterizedType pt ? (Class<?>) pt.getRawType() : (Class<?>) java;
        if (Map.class.isAssignableFrom(raw) && !(t instanceof GraphQLList)) {
            // Still bound as the raw map graphql-java hands over.
            return;
        }
        if (t instanceof GraphQLList list) {
            if (!Collection.class.isAssignableFrom(raw) || !(java instanceof ParameterizedType pt)) {
                problems.add(path + ": " + raw.getSimpleName() + " cannot hold a list");
                return;
            }
            fits(pt.getActualTypeArguments()[0], (GraphQLInputType) list.getWrappedType(), path + "[]", problems);
        } else if (t instanceof GraphQLInputObjectType object) {
            if (!raw.isRecord()) {
                problems.add(path + ": " + raw.getSimpleName() + " is not a record");
                return;
            }
            Set<String> components = Arrays.stream(raw.getRecordComponents()).map(RecordComponent::getName).collect(Collectors.toCollection(TreeSet::new));
            Set<String> fields = object.getFields().stream().map(GraphQLInputObjectField::getName).collect(Collectors.toCollection(TreeSet::new));
            if (!components.equals(fields)) {
                problems.add(path + ": components " + components + " are not the fields " + fields);
                return;
            }
            for (RecordComponent c : raw.getRecordComponents()) {
                fits(c.getGenericType(), object.getField(c.getName()).getType(), path + "." + c.getName(), problems);
            }
        } else if (t instanceof GraphQLEnumType) {
            if (raw != String.class && raw != Object.class) {
                problems.add(path + ": " + raw.getSimpleName() + " cannot hold an enum value");
            }
        } else if (t instanceof GraphQLScalarType scalar) {
            Set<Class<?>> holders = SCALARS.get(scalar.getName());
            if (holders == null || !holders.contains(raw)) {
                problems.add(path + ": " + raw.getSimpleName() + " cannot hold " + scalar.getName());
            }
        }
    }
}
