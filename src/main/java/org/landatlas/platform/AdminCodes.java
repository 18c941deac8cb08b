package org.landatlas.platform;

/**
 * The shape of an administrative code (GB/T 2260 county + township + village digits), checked in one place for
 * every reader: GraphQL arguments and tile filters give the same message.
 */
public final class AdminCodes {

    private AdminCodes() {
    }

    /** 6 digits for a county, 9 for a township, 12 for a village; anything else is refused naming the argument. */
    public static void requireShape(String argument, String code) {
        if (code == null || !code.matches("\\d{6}|\\d{9}|\\d{12}")) {
            throw ApiException.badInput(argument, "'" + code + "' is not an administrative code (6 digits for a county, 9 for a township, 12 for a village)");
        }
    }
}
