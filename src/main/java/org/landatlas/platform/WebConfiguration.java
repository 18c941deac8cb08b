package org.landatlas.platform;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Web plumbing: the offline GraphiQL page and the request-size limit of the GraphQL endpoint. */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    /** A GraphQL request body above this is refused with 413 before it is parsed. */
    public static final int MAX_GRAPHQL_BODY_BYTES = 256 * 1024;

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/graphiql", "/graphiql/");
        registry.addViewController("/graphiql/").setViewName("forward:/graphiql/index.html");
    }

    /**
     * Tomcat hands a response body to the socket in pieces of its per-connection write buffer, 8 KB by default: a
     * 100 KB viewport page took 13 write calls. A larger buffer sends it in one or two (bench/RESULTS.md, issue #9);
     * it is allocated per open connection, so it stays moderate.
     */
    @Bean
    TomcatConnectorCustomizer socketWriteBuffer(@Value("${landatlas.http.write-buffer-kb:64}") int kb) {
        return connector -> connector.setProperty("socket.appWriteBufSize", String.valueOf(Math.max(8, kb) * 1024));
    }

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> graphQlBodyLimit() {
        OncePerRequestFilter filter = new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                long length = request.getContentLengthLong();
                if (length > MAX_GRAPHQL_BODY_BYTES) {
                    response.setStatus(413);
                    response.setContentType("application/json");
                    response.getWriter().write("{\"errors\":[{\"message\":\"request body of " + length + " bytes is above the limit of "
                            + MAX_GRAPHQL_BODY_BYTES + " bytes\",\"extensions\":{\"code\":\"TOO_COMPLEX\"}}]}");
                    return;
                }
                chain.doFilter(length < 0 ? new LimitedBodyRequest(request, MAX_GRAPHQL_BODY_BYTES) : request, response);
            }
        };
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(filter);
        registration.addUrlPatterns("/graphql");
        return registration;
    }
}
