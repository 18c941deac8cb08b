package org.landatlas.platform;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import graphql.schema.DataFetchingEnvironment;
import org.springframework.core.MethodParameter;
import org.springframework.graphql.data.method.HandlerMethodArgumentResolver;
import org.springframework.stereotype.Component;

/**
 * Binds {@link RecordArgument} parameters: a GraphQL input object (a map, already coerced and validated by
 * graphql-java against the schema) to a record through its canonical constructor, whose checks then run as they
 * would under Spring's binder. Written by hand because Spring's {@code GraphQlArgumentBinder} looks the record's
 * components and constructor up again by reflection on every call: binding the viewport query's ParcelFilter was
 * 9 % of its CPU, this takes a cached plan per record type (bench/RESULTS.md, issue #9).
 */
@Component
public class RecordArgumentResolver implements HandlerMethodArgumentResolver {

    private record Plan(Constructor<?> constructor, String[] names, Type[] types) {
    }

    private final Map<Class<?>, Plan> plans = new ConcurrentHashMap<>();

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.hasParameterAnnotation(RecordArgument.class);
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, DataFetchingEnvironment environment) {
        RecordArgument a = parameter.getParameterAnnotation(RecordArgument.class);
        String name = a == null || a.value().isEmpty() ? parameter.getParameterName() : a.value();
        if (name == null) {
            throw new IllegalStateException("no name for the argument of " + parameter + " (compile with -parameters or name it)");
        }
        return bind(environment.getArgument(name), parameter.getGenericParameterType());
    }

    Object bind(Object raw, Type type) {
        if (raw == null) {
            return null;
        }
        if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c && Collection.class.isAssignableFrom(c)) {
            if (!(raw instanceof Collection<?> items)) {
                throw new IllegalArgumentException("expected a list for " + type + ", got " + raw.getClass().getSimpleName());
            }
            List<Object> out = new ArrayList<>(items.size());
            for (Object item : items) {
                out.add(bind(item, p.getActualTypeArguments()[0]));
            }
            return out;
        }
        Class<?> c = (Class<?>) (type instanceof ParameterizedType p ? p.getRawType() : type);
        if (c.isRecord() && raw instanceof Map<?, ?> map) {
            Plan plan = plans.computeIfAbsent(c, RecordArgumentResolver::plan);
            Object[] args = new Object[plan.names().length];
            for (int i = 0; i < args.length; i++) {
                args[i] = bind(map.get(plan.names()[i]), plan.types()[i]);
            }
            try {
                return plan.constructor().newInstance(args);
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw new IllegalStateException(e.getCause());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot make a " + c.getSimpleName(), e);
            }
        }
        if (c.isInstance(raw)) {
            return raw;
        }
        if (raw instanceof Number n) {
            if (c == Double.class || c == double.class) {
                return n.doubleValue();
            }
            if (c == Integer.class || c == int.class) {
                return n.intValue();
            }
            if (c == Long.class || c == long.class) {
                return n.longValue();
            }
        }
        if (c.isEnum() && raw instanceof String s) {
            for (Object constant : c.getEnumConstants()) {
                if (((Enum<?>) constant).name().equals(s)) {
                    return constant;
                }
            }
        }
        throw new IllegalArgumentException("cannot bind " + raw.getClass().getSimpleName() + " to " + type.getTypeName());
    }

    private static Plan plan(Class<?> type) {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] classes = new Class<?>[components.length];
        String[] names = new String[components.length];
        Type[] types = new Type[components.length];
        for (int i = 0; i < components.length; i++) {
            classes[i] = components[i].getType();
            names[i] = components[i].getName();
            types[i] = components[i].getGenericType();
        }
        try {
            Constructor<?> constructor = type.getDeclaredConstructor(classes);
            constructor.setAccessible(true);
            return new Plan(constructor, names, types);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("record " + type + " has no canonical constructor", e);
        }
    }
}
