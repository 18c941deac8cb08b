package org.landatlas.platform;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.springframework.beans.BeanInstantiationException;
import org.springframework.validation.BindException;
import org.springframework.validation.FieldError;

/**
 * Refusals raised while Spring for GraphQL binds arguments to records, as the {@link ApiException} clients see.
 * graphql-java has checked every value against the schema before, so these come from a record's constructor or
 * from a Java type narrower than its GraphQL type.
 */
final class ArgumentErrors {

    private ArgumentErrors() {
    }

    /**
     * The refusal behind an exception from a data fetcher, or null when there is none: the exception itself, what
     * a record's constructor threw (the binder wraps it), or the first value the binder could not convert, named
     * by its argument path (e.g. "filter.areaMu.min"). {@code arguments} are the field's raw arguments.
     */
    static ApiException refusal(Throwable ex, Map<String, Object> arguments) {
        if (ex instanceof ApiException api) {
            return api;
        }
        if (ex instanceof BeanInstantiationException && ex.getCause() instanceof ApiException api) {
            return api;
        }
        if (ex instanceof BindException bind) {
            FieldError error = bind.getFieldError();
            if (error == null) {
                return ApiException.badInput(null, "an argument does not fit its declared type");
            }
            // The binder writes paths from "$", the argument itself, and names the argument after its Java type:
            // the GraphQL name is that of the raw argument holding the rejected value at that path.
            String path = error.getField().startsWith("$") ? error.getField().substring(1) : "." + error.getField();
            String argument = arguments.entrySet().stream().filter(a -> Objects.equals(at(a.getValue(), path), error.getRejectedValue()))
                    .map(Map.Entry::getKey).findFirst().orElse(bind.getObjectName());
            return ApiException.badInput(argument + path, "cannot take the value '" + error.getRejectedValue() + "'");
        }
        return null;
    }

    /** The part of a raw argument value at a binder path such as ".areaMu.min" or ".bbox[1]", or null. */
    private static Object at(Object value, String path) {
        for (String step : path.split("(?=[.\\[])")) {
            if (step.isEmpty()) {
                continue;
            }
            if (step.startsWith(".") && value instanceof Map<?, ?> map) {
                value = map.get(step.substring(1));
            } else if (step.startsWith("[") && value instanceof List<?> list) {
                int i = Integer.parseInt(step.substring(1, step.length() - 1));
                value = i < list.size() ? list.get(i) : null;
            } else {
                return null;
            }
        }
        return value;
    }
}
