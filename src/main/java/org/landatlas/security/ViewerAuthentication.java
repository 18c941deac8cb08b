package org.landatlas.security;

import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** An authenticated request: its principal is the {@link Viewer}. */
final class ViewerAuthentication extends AbstractAuthenticationToken {

    private final Viewer viewer;

    ViewerAuthentication(Viewer viewer) {
        super(List.of(new SimpleGrantedAuthority("ROLE_" + viewer.role().name())));
        this.viewer = viewer;
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public Object getPrincipal() {
        return viewer;
    }

    @Override
    public String getName() {
        return viewer.username();
    }
}
