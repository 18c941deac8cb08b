package org.landatlas.security;

import java.util.List;

import org.landatlas.platform.ApiException;

/** The GraphQL inputs of account administration, bound by Spring for GraphQL. */
final class AccountInputs {

    private AccountInputs() {
    }

    /** {@code NewAccountInput}. */
    record NewAccount(String username, String displayName, String role, List<String> counties, Boolean personalData, String password) {
    }

    /** {@code AccountChangesInput}: null fields stay as they are. */
    record AccountChanges(String displayName, String role, List<String> counties, Boolean personalData, Boolean enabled, Integer expectedVersion) {
    }

    /** The stored role of a GraphQL {@code Role}. */
    static String role(String graphQlRole) {
        return switch (String.valueOf(graphQlRole)) {
            case "STAFF" -> "staff";
            case "ADMIN" -> "admin";
            default -> throw ApiException.badInput("input.role", "'" + graphQlRole + "' cannot be given to an account (STAFF or ADMIN)");
        };
    }
}
