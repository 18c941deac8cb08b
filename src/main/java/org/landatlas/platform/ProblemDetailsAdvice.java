package org.landatlas.platform;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.util.DisconnectedClientHelper;

/**
 * The one place where exceptions of controllers outside GraphQL become answers: {@link ApiException} with the
 * status of its code, a lost database as 503 with Retry-After, Spring MVC's own errors (unknown path 404, wrong method 405, unreadable body 400, …) as
 * Spring makes them, and anything unexpected as a logged 500 without its details. Every body is a
 * {@link Problems} problem detail, so each carries a {@code code}.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    private final DatabaseFaults faults;

    ProblemDetailsAdvice(DatabaseFaults faults) {
        this.faults = faults;
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ProblemDetail> refused(ApiException e) {
        if (e.code() == ApiException.Code.UNAVAILABLE) {
            return unavailable(faults.refusal());
        }
        return Problems.response(Problems.of(e));
    }

    /** 503 with Retry-After: the database is down, restarting, or had no free connection within the pool's timeout. */
    private ResponseEntity<ProblemDetail> unavailable(ApiException refusal) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .header(HttpHeaders.RETRY_AFTER, Integer.toString(faults.retryAfterSeconds())).body(Problems.of(refusal));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, WebRequest request) {
        if (DisconnectedClientHelper.isClientDisconnectedException(e)) {
            // Nobody is left to read an answer.
            return null;
        }
        if (DatabaseFaults.isConnectionFailure(e)) {
            log.warn("database unavailable in {}: {}", request.getDescription(false), DatabaseFaults.reason(e));
            return unavailable(faults.refusal());
        }
        log.error("Unexpected error in {}", request.getDescription(false), e);
        return Problems.response(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "INTERNAL", "internal error; it has been logged"));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        // Spring's own detail ("Failed to read request") names no cause; this is what every body here must be.
        ProblemDetail problem = Problems.of(status, "BAD_USER_INPUT", "the body must be a JSON object");
        return handleExceptionInternal(e, problem, headers, status, request);
    }

    /** Adds the code to Spring's own problems and writes them as problem+json, whatever the request accepted. */
    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (body instanceof ProblemDetail problem) {
            if (problem.getProperties() == null || !problem.getProperties().containsKey("code")) {
                problem.setProperty("code", Problems.codeFor(status));
            }
            HttpHeaders h = new HttpHeaders();
            h.putAll(headers);
            h.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
            return new ResponseEntity<>(body, h, status);
        }
        return super.createResponseEntity(body, headers, status, request);
    }
}
