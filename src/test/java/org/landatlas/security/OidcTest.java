package org.landatlas.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.util.Base64;
import java.util.Date;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import org.landatlas.testing.Http;
import org.landatlas.testing.IntegrationTest;

/**
 * OpenID Connect resource-server mode: a government single sign-on's JWTs are accepted as bearer tokens when
 * they are signed by the configured key and name an enabled LandAtlas account; the account's role and counties
 * apply. API tokens keep working beside them.
 */
class OidcTest extends IntegrationTest {

    static final KeyPair KEYS;
    static final KeyPair OTHER;
    static final Path PEM;

    static {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            KEYS = g.generateKeyPair();
            OTHER = g.generateKeyPair();
            PEM = Files.createTempFile("landatlas-oidc", ".pem");
            Files.writeString(PEM, "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(KEYS.getPublic().getEncoded())
                    + "\n-----END PUBLIC KEY-----\n");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void oidc(DynamicPropertyRegistry registry) {
        registry.add("landatlas.security.oidc.public-key-location", () -> PEM.toUri().toString());
        // This context also checks the staff-only introspection setting.
        registry.add("landatlas.graphql.introspection", () -> "staff");
        // ... and CORS for a front-end developer's own origin.
        registry.add("landatlas.cors.allowed-origins", () -> "https://dev.example.org");
    }

    static String jwt(KeyPair keys, String username, long expiresInSeconds) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject("sso-" + username).claim("preferred_username", username)
                .issuer("https://sso.example.gov.cn").issueTime(new Date()).expirationTime(new Date(System.currentTimeMillis() + expiresInSeconds * 1000)).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
        jwt.sign(new RSASSASigner((RSAPrivateKey) keys.getPrivate()));
        return jwt.serialize();
    }

    HttpResponse<String> me(String bearer) {
        return Http.post(port, "/graphql", "{\"query\":\"{ me { username role via counties } }\"}", "application/json", "Authorization", "Bearer " + bearer);
    }

    @Test
    void signedJwtsOfKnownAccountsAreAccepted() throws Exception {
        String user = "sso-" + Long.toString(System.currentTimeMillis(), 36);
        graphqlAs(adminToken(), "mutation { createAccount(input: { username: \"" + user + "\", role: STAFF, counties: [\"331126\"] }) { id hasPassword } }");

        HttpResponse<String> ok = me(jwt(KEYS, user, 300));
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).contains("\"via\":\"oidc\"").contains("STAFF").contains("331126");

        assertThat(me(jwt(OTHER, user, 300)).statusCode()).as("signed by another key").isEqualTo(401);
        assertThat(me(jwt(KEYS, user, -60)).statusCode()).as("expired").isEqualTo(401);
        HttpResponse<String> stranger = me(jwt(KEYS, "nobody-here", 300));
        assertThat(stranger.statusCode()).as("no such account").isEqualTo(401);
        assertThat(me("not.a.jwt").statusCode()).isEqualTo(401);
        // API tokens still work in this mode.
        assertThat(me(adminToken()).body()).contains("ADMIN");
    }

    @Test
    void corsAllowsOnlyTheConfiguredOrigins() throws Exception {
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        for (String origin : java.util.List.of("https://dev.example.org", "https://evil.example.com")) {
            HttpResponse<String> pre = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/graphql"))
                    .method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody()).header("Origin", origin)
                    .header("Access-Control-Request-Method", "POST").header("Access-Control-Request-Headers", "content-type,authorization").build(),
                    HttpResponse.BodyHandlers.ofString());
            if (origin.contains("dev.example.org")) {
                assertThat(pre.statusCode()).isEqualTo(200);
                assertThat(pre.headers().firstValue("Access-Control-Allow-Origin")).contains(origin);
                assertThat(pre.headers().firstValue("Access-Control-Allow-Credentials")).contains("true");
            } else {
                assertThat(pre.statusCode()).isEqualTo(403);
                assertThat(pre.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
            }
        }
    }

    @Test
    void introspectionCanBeLimitedToSignedInUsers() {
        String q = "{ __schema { queryType { name } } }";
        tools.jackson.databind.JsonNode pub = graphql(q);
        assertThat(pub.path("errors").get(0).path("message").asString()).containsIgnoringCase("introspection");
        assertThat(graphqlAs(adminToken(), q).path("data").path("__schema").path("queryType").path("name").asString()).isEqualTo("Query");
        assertThat(graphql("{ __typename }").path("data").path("__typename").asString()).isEqualTo("Query");
    }
}
