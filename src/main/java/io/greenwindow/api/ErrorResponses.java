package io.greenwindow.api;

import io.greenwindow.json.JsonMapping;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.greenwindow.db.DiskFull;
import io.greenwindow.job.GreenwindowException;
import io.greenwindow.job.IllegalJobStateChangeException;
import io.greenwindow.job.JobNotFoundException;
import io.greenwindow.job.spec.InvalidSpecException;
import io.greenwindow.service.IdempotentSubmissions;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where a failure becomes an HTTP status and a body. Every route's failure comes here, either
 * through the server's exception handler ({@link #register}) or from the routes that answer errors themselves.
 * The body is always {@code {"error": "sentence"}} (plus {@code "problems"} for a refused spec, {@code
 * "reference"} for an internal error). No body ever carries SQL, a stack trace or a class name: an unexpected
 * failure answers "internal error, reference X" and the detail is logged under X.
 */
public final class ErrorResponses {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);
    private static final ObjectMapper JSON = JsonMapping.json();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** HTTP 507 Insufficient Storage: the request was understood but there is no room to store it. */
    public static final int INSUFFICIENT_STORAGE = 507;
    static final String DISK_FULL = "The service's disk is full, so nothing was stored: free space on the disk that"
            + " holds its data folder and try again.";

    /**
     * A message meant for a user still must not show internals: a Java class name, SQL or a stack frame. One
     * that does is treated as an internal error (the whole message goes to the log, under a reference).
     */
    private static final Pattern INTERNALS = Pattern.compile("Exception|Error:|\\bat [\\w$.]+\\("
            + "|\\b(?:java|javax|org|com|io)\\.[a-z]\\w*\\.|\\bSQL\\b|\\bINSERT INTO\\b|\\bUPDATE \\w+ SET\\b"
            + "|\\bSELECT\\b.*\\bFROM\\b|\\bDELETE FROM\\b|MVStore|\\[\\d{5}-\\d{3}]");

    private ErrorResponses() {
    }

    /** One answer: a status and its JSON body. */
    public record Answer(int status, Map<String, Object> body) {
    }

    /** Sends every exception a route throws through {@link #answer}. */
    public static void register(RoutesConfig routes) {
        routes.exception(Exception.class, (e, ctx) -> respond(ctx, e));
    }

    /** Writes the answer for {@code failure} to {@code ctx}. */
    public static void respond(Context ctx, Throwable failure) {
        Answer answer = answer(failure, ctx.method() + " " + ctx.path());
        ctx.status(answer.status()).contentType("application/json").result(write(answer.body()));
    }

    /**
     * The status and body for {@code failure}; an internal error is logged here with {@code where} and its
     * reference.
     */
    public static Answer answer(Throwable failure, String where) {
        if (DiskFull.in(failure)) {
            LOG.error("Disk full on {}: {}", where, failure.toString(), failure);
            return new Answer(INSUFFICIENT_STORAGE, Map.of("error", DISK_FULL));
        }
        Answer expected = expected(failure);
        if (expected != null && !showsInternals(expected.body())) {
            return expected;
        }
        String reference = reference();
        LOG.error("Internal error, reference {}, on {}", reference, where, failure);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", "internal error, reference " + reference + " (the service log has the detail)");
        body.put("reference", reference);
        return new Answer(500, body);
    }

    /** The answer for a failure a user can act on, or null when it is not one. */
    private static Answer expected(Throwable e) {
        if (e instanceof InvalidSpecException s) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", s.getMessage());
            body.put("problems", s.problems());
            return new Answer(400, body);
        }
        if (e instanceof CarbonAwareProblem p) {
            return new Answer(p.status(), p.body()); // the SDK's ValidationProblemDetails, with "error" too
        }
        if (e instanceof HttpResponseException h) { // Javalin's own (unknown route, method not allowed)
            return new Answer(h.getStatus(), error(h.getMessage()));
        }
        if (e instanceof JobNotFoundException) {
            return new Answer(404, error(e.getMessage()));
        }
        if (e instanceof IdempotentSubmissions.KeyReusedException) {
            return new Answer(422, error(e.getMessage()));
        }
        if (e instanceof IllegalJobStateChangeException) {
            return new Answer(409, error(e.getMessage()));
        }
        if (e instanceof GreenwindowException || e instanceof IllegalArgumentException) {
            return new Answer(400, error(e.getMessage()));
        }
        return null;
    }

    private static boolean showsInternals(Map<String, Object> body) {
        Object error = body.get("error");
        return error == null || INTERNALS.matcher(error.toString()).find()
                || (body.get("problems") != null && INTERNALS.matcher(body.get("problems").toString()).find());
    }

    private static Map<String, Object> error(String message) {
        return Map.of("error", message == null ? "bad request" : message);
    }

    /** Eight characters a user can read out over the phone, unique enough to find one line in a day's log. */
    static String reference() {
        String alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
        StringBuilder s = new StringBuilder(8);
        for (int i = 0; i < 8; i++) {
            s.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return s.toString();
    }

    private static String write(Map<String, Object> body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return "{\"error\":\"internal error\"}";
        }
    }
}
