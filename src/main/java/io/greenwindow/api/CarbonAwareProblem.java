package io.greenwindow.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A grid request that cannot be answered, with its HTTP status, a sentence for the caller and, for a refused
 * parameter, the parameter's name with what is wrong with it. {@link ErrorResponses} answers it in the shape of
 * ASP.NET's {@code ValidationProblemDetails}, as the Carbon Aware SDK's WebAPI does ({@code title}, {@code status},
 * {@code detail}, {@code errors}: parameter name to messages), plus greenwindow's own {@code error} sentence.
 */
final class CarbonAwareProblem extends RuntimeException {

    /** ASP.NET's title for a refused request; the SDK's generated clients show it. */
    static final String VALIDATION_TITLE = "One or more validation errors occurred.";

    private final int status;
    private final Map<String, List<String>> errors;

    CarbonAwareProblem(int status, String message) {
        this(status, message, Map.of());
    }

    CarbonAwareProblem(int status, String message, Map<String, List<String>> errors) {
        super(message);
        this.status = status;
        this.errors = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(errors));
    }

    /** A 400 for one parameter: {@code errors} names it, {@code detail} says the same sentence. */
    static CarbonAwareProblem invalid(String parameter, String message) {
        return new CarbonAwareProblem(400, message, Map.of(parameter, List.of(message)));
    }

    /** A 400 for several parameters at once (the SDK reports every missing one, not just the first). */
    static CarbonAwareProblem invalid(Map<String, List<String>> errors) {
        StringBuilder detail = new StringBuilder();
        errors.values().forEach(ms -> ms.forEach(m -> detail.append(detail.length() == 0 ? "" : "; ").append(m)));
        return new CarbonAwareProblem(400, detail.toString(), errors);
    }

    int status() {
        return status;
    }

    /** The answer's body, in the order ASP.NET writes it. */
    Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", status == 400 ? VALIDATION_TITLE : title(status));
        body.put("status", status);
        body.put("detail", getMessage());
        body.put("errors", new LinkedHashMap<>(errors));
        body.put("error", getMessage());
        return body;
    }

    private static String title(int status) {
        return switch (status) {
            case 404 -> "Not Found";
            case 503 -> "Service Unavailable";
            default -> "Error " + status;
        };
    }
}
