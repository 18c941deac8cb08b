package org.landatlas.security;

import java.util.Collection;
import java.util.Set;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who is asking, as every feature sees it: the public (no sign-in), a staff account with its counties, or an
 * administrator (all counties). A staff account outside its counties sees what the public sees.
 *
 * @param role         PUBLIC, STAFF or ADMIN
 * @param accountId    the account, null for the public
 * @param username     the account's name, "anonymous" for the public
 * @param counties     county codes of a staff account (empty for the public; ignored for administrators)
 * @param personalData whether names, ID numbers and phones are shown unmasked (in the viewer's counties)
 * @param via          how the request was authenticated: anonymous, session, token or oidc
 */
public record Viewer(Role role, Long accountId, String username, Set<String> counties, boolean personalData, String via) {

    public enum Role { PUBLIC, STAFF, ADMIN }

    public static final Viewer PUBLIC = new Viewer(Role.PUBLIC, null, "anonymous", Set.of(), false, "anonymous");

    /** The viewer of the current request (the public when nobody signed in). */
    public static Viewer current() {
        Authentication a = SecurityContextHolder.getContext().getAuthentication();
        return a != null && a.getPrincipal() instanceof Viewer v ? v : PUBLIC;
    }

    public boolean isPublic() {
        return role == Role.PUBLIC;
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    /** Staff rights (read everything, write records) in this county. */
    public boolean isStaffIn(String countyCode) {
        return role == Role.ADMIN || (role == Role.STAFF && countyCode != null && counties.contains(countyCode));
    }

    /** Unmasked personal data in this county. */
    public boolean seesPersonalDataIn(String countyCode) {
        return personalData && isStaffIn(countyCode);
    }

    /** Counties with staff rights; null means all (administrators). */
    public Collection<String> staffCounties() {
        return role == Role.ADMIN ? null : counties;
    }

    /** Who this is, as GraphQL's {@code me} and {@code GET /auth/session} describe it. */
    public java.util.Map<String, Object> describe() {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("signedIn", !isPublic());
        m.put("username", isPublic() ? null : username);
        m.put("role", role.name());
        m.put("counties", isAdmin() ? java.util.List.of() : java.util.List.copyOf(new java.util.TreeSet<>(counties)));
        m.put("allCounties", isAdmin());
        m.put("personalData", personalData);
        m.put("via", via);
        return m;
    }

    /** A short key of what this viewer may see, for caches of access-dependent answers (tiles). */
    public String accessKey() {
        return switch (role) {
            case PUBLIC -> "public";
            case ADMIN -> "admin";
            case STAFF -> "staff:" + String.join(",", new java.util.TreeSet<>(counties));
        };
    }
}
