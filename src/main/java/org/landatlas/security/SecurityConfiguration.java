package org.landatlas.security;

import java.io.IOException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import org.landatlas.platform.Problems;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * Spring Security for LandAtlas. Who may see and change what is decided in the data layer ({@link Access},
 * {@link Viewer}); this chain only establishes the viewer (API token, session, or OpenID Connect JWT), protects
 * sessions against CSRF, applies CORS, security headers and anonymous rate limits, and answers 401/403/429 as
 * problem details ({@link Problems}).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    /**
     * No Micrometer observations of the filter chain, authentication and authorization: nothing reads them (no
     * metrics endpoint), and each request paid for a dozen observations and meter lookups, about 5 % of a viewport
     * request's CPU and more of a tile's (bench/RESULTS.md, issue #9).
     */
    @Bean
    static org.springframework.security.config.observation.SecurityObservationSettings securityObservations() {
        return org.springframework.security.config.observation.SecurityObservationSettings.noObservations();
    }

    /** Argon2id for new hashes; the prefix in each stored hash ({argon2}, {bcrypt}) lets stronger settings come later. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return new DelegatingPasswordEncoder("argon2", Map.of("argon2", Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8(),
                "bcrypt", new BCryptPasswordEncoder()));
    }

    /** Only for the web service (the demo loader and bench preparation run without a web server). */
    @Bean
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    SecurityFilterChain landAtlasSecurity(HttpSecurity http, Accounts accounts, ApiTokens tokens, RateLimiter limiter,
                                          AnonymousBulkhead bulkhead, org.landatlas.platform.DatabaseFaults faults,
                                          @Value("${landatlas.security.oidc.issuer-uri:}") String issuer,
                                          @Value("${landatlas.security.oidc.jwk-set-uri:}") String jwkSetUri,
                                          @Value("${landatlas.security.oidc.public-key-location:}") String publicKey,
                                          @Value("${landatlas.security.oidc.username-claim:preferred_username}") String usernameClaim) throws Exception {
        boolean oidc = !issuer.isBlank() || !jwkSetUri.isBlank() || !publicKey.isBlank();
        // Double-submit cookie for the web map: XSRF-TOKEN (readable by scripts) echoed in X-XSRF-TOKEN. Tokens are
        // compared as they are (no per-request masking: the token never appears in a compressed HTML page).
        http.csrf(csrf -> csrf.csrfTokenRepository(CookieCsrfTokenRepository.withHttpOnlyFalse())
                        .csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler())
                        .requireCsrfProtectionMatcher(csrfNeeded()))
                .cors(cors -> { })
                // Sessions are made only by /auth/login (which also replaces any earlier session: no fixation), and
                // the viewer is re-established per request by ViewerFilter; Spring's session management would take
                // every such request for a fresh sign-in and change the session id and CSRF token under the client.
                .sessionManagement(AbstractHttpConfigurer::disable)
                .securityContext(sc -> sc.requireExplicitSave(true))
                .requestCache(AbstractHttpConfigurer::disable)
                .anonymous(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .headers(h -> h.frameOptions(f -> f.deny()))
                // Access is decided per field and row in the data layer; no URL is closed as such, except the metrics
                // (administrators: 401 for the public, 403 for staff).
                .authorizeHttpRequests(a -> a.requestMatchers("/actuator/prometheus", "/actuator/prometheus/**", "/actuator/metrics", "/actuator/metrics/**")
                        .hasRole(Viewer.Role.ADMIN.name()).anyRequest().permitAll())
                .exceptionHandling(e -> e
                        .accessDeniedHandler((request, response, ex) -> Problems.write(request, response, Problems.of(HttpStatus.FORBIDDEN, "FORBIDDEN",
                                ex.getClass().getSimpleName().contains("Csrf")
                                        ? "CSRF token missing or wrong: send the XSRF-TOKEN cookie's value in the X-XSRF-TOKEN header (GET /auth/session sets it)"
                                        : ex.getMessage())))
                        .authenticationEntryPoint((request, response, ex) -> {
                            response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
                            Problems.write(request, response, Problems.of(HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED", ex.getMessage()));
                        }))
                .addFilterBefore(new ViewerFilter(accounts, tokens, limiter, bulkhead, faults, oidc), CsrfFilter.class);
        if (oidc) {
            JwtDecoder decoder = !issuer.isBlank() ? JwtDecoders.fromIssuerLocation(issuer)
                    : !jwkSetUri.isBlank() ? NimbusJwtDecoder.withJwkSetUri(jwkSetUri).build()
                    : NimbusJwtDecoder.withPublicKey(readPublicKey(publicKey)).build();
            DefaultBearerTokenResolver ours = new DefaultBearerTokenResolver();
            http.oauth2ResourceServer(o -> o
                    .bearerTokenResolver(request -> {
                        String t = ours.resolve(request);
                        return t == null || t.startsWith(ApiTokens.PREFIX) ? null : t;
                    })
                    .jwt(j -> j.decoder(decoder).jwtAuthenticationConverter(jwt -> {
                        String username = jwt.getClaimAsString(usernameClaim);
                        Accounts.Account a = username == null ? null : accounts.findByUsername(username);
                        Viewer v = a == null ? null : accounts.viewer(a.id(), "oidc");
                        if (v == null) {
                            throw new InvalidBearerTokenException("no enabled LandAtlas account for " + usernameClaim + " '" + username + "'");
                        }
                        return new ViewerAuthentication(v);
                    })));
        }
        return http.build();
    }

    /**
     * A request needs a CSRF token when a browser could send it with ambient credentials: an unsafe method, no
     * bearer token, and a session cookie (or a sign-in endpoint). Anonymous API calls carry no authority to abuse.
     */
    static RequestMatcher csrfNeeded() {
        return request -> {
            if (SAFE_METHODS.contains(request.getMethod())) {
                return false;
            }
            String authorization = request.getHeader("Authorization");
            if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                return false;
            }
            return request.getRequestURI().startsWith("/auth/") || hasSessionCookie(request);
        };
    }

    private static boolean hasSessionCookie(HttpServletRequest request) {
        return request.getRequestedSessionId() != null;
    }

    private static RSAPublicKey readPublicKey(String location) {
        try (var in = new DefaultResourceLoader().getResource(location).getInputStream()) {
            String pem = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII)
                    .replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("landatlas.security.oidc.public-key-location: cannot read an RSA public key (PEM) from " + location, e);
        }
    }

    /** CORS for front-end developers' own origins (comma-separated; empty = same origin only). */
    @Bean
    CorsConfigurationSource corsConfigurationSource(@Value("${landatlas.cors.allowed-origins:}") List<String> origins) {
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        List<String> allowed = origins.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        if (!allowed.isEmpty()) {
            CorsConfiguration c = new CorsConfiguration();
            c.setAllowedOrigins(allowed);
            c.setAllowedMethods(List.of("GET", "POST", "OPTIONS"));
            c.setAllowedHeaders(List.of("Authorization", "Content-Type", "Accept", "If-None-Match", "X-XSRF-TOKEN"));
            c.setExposedHeaders(List.of("ETag", "Retry-After", "Content-Crs"));
            c.setAllowCredentials(true);
            c.setMaxAge(3600L);
            source.registerCorsConfiguration("/graphql", c);
            source.registerCorsConfiguration("/tiles/**", c);
            source.registerCorsConfiguration("/ogc", c);
            source.registerCorsConfiguration("/ogc/**", c);
            source.registerCorsConfiguration("/auth/**", c);
        }
        return source;
    }
}
