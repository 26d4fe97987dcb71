package io.graphium.orchestrator.api;

import io.graphium.kafka.Publishing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The API's answers (RFC 9457 problem+json) to failures of the infrastructure behind it: an event Kafka will not take
 * is 413, a broker or registry that is down is 503 with Retry-After; never a bare 500. Handles only the
 * {@link Publishing} failures, so that other advice (security) stays in charge of its own exceptions.
 */
@RestControllerAdvice(basePackageClasses = ApiErrors.class)
class ApiErrors {

    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    @ExceptionHandler(Publishing.TooLarge.class)
    ResponseEntity<ProblemDetail> tooLarge(Publishing.TooLarge e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, e.getMessage()
                + "; make the definition smaller (fewer or shorter values)");
        problem.setTitle("event too large");
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    @ExceptionHandler(Publishing.Unavailable.class)
    ResponseEntity<ProblemDetail> unavailable(Publishing.Unavailable e) {
        log.warn("Kafka or the schema registry is unavailable: {}", e.getMessage());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, "Kafka or the "
                + "schema registry cannot be reached now (" + e.getMessage() + "); the request was not acknowledged, try "
                + "again in "
                + Publishing.RETRY_AFTER.toSeconds() + " s");
        problem.setTitle("service unavailable");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(Publishing.RETRY_AFTER.toSeconds()))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
