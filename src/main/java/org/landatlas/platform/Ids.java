package org.landatlas.platform;

/** Numeric ids from GraphQL ID arguments, refused with the argument's name when they are not numbers. */
public final class Ids {

    private Ids() {
    }

    public static long parse(String argument, Object id) {
        try {
            return Long.parseLong(id.toString().trim());
        } catch (NumberFormatException e) {
            throw ApiException.badInput(argument, "'" + id + "' is not an id");
        }
    }
}
