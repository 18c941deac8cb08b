package org.landatlas.platform;

import java.io.IOException;
import java.net.URI;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;
import tools.jackson.databind.json.JsonMapper;

/**
 * The error body of every endpoint outside GraphQL (tiles, sign-in, filters): an RFC 9457 problem detail,
 * {@code application/problem+json}, with {@code title}, {@code status} and {@code detail} (the message), and the
 * extension members {@code code} (the codes of GraphQL's {@code extensions.code}, plus UNAUTHENTICATED and
 * TOO_MANY_REQUESTS) and, for a bad argument, {@code argument}. {@link ProblemDetailsAdvice} answers with it for
 * controllers; filters, which run before Spring MVC, {@link #write} the same body.
 */
public final class Problems {

    /** How Spring MVC writes a ProblemDetail: extension members at the top level. */
    private static final JsonMapper JSON = JsonMapper.builder().addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class).build();

    private Problems() {
    }

    public static ProblemDetail of(HttpStatusCode status, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setProperty("code", code);
        return problem;
    }

    /** The answer to a refused request: its status follows the code. */
    public static ProblemDetail of(ApiException e) {
        ProblemDetail problem = of(status(e.code()), e.code().name(), e.getMessage());
        if (e.argument() != null) {
            problem.setProperty("argument", e.argument());
        }
        return problem;
    }

    static HttpStatus status(ApiException.Code code) {
        return switch (code) {
            case BAD_USER_INPUT, TOO_COMPLEX -> HttpStatus.BAD_REQUEST;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
            case INTERNAL -> HttpStatus.INTERNAL_SERVER_ERROR;
        };
    }

    /** The code of an error Spring raised itself (unknown path, wrong method, unreadable body, …). */
    static String codeFor(HttpStatusCode status) {
        return switch (status.value()) {
            case 401 -> "UNAUTHENTICATED";
            case 403 -> "FORBIDDEN";
            case 404 -> "NOT_FOUND";
            case 413 -> "TOO_COMPLEX";
            case 429 -> "TOO_MANY_REQUESTS";
            case 503 -> "UNAVAILABLE";
            default -> status.is4xxClientError() ? "BAD_USER_INPUT" : "INTERNAL";
        };
    }

    /** A controller's answer with this problem. */
    public static ResponseEntity<ProblemDetail> response(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /** Writes the problem as the whole response, for filters; headers set before (Retry-After, …) stay. */
    public static void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem) throws IOException {
        if (problem.getInstance() == null) {
            // As Spring MVC does for controllers' problems.
            problem.setInstance(URI.create(request.getRequestURI()));
        }
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(JSON.writeValueAsString(problem));
    }
}
