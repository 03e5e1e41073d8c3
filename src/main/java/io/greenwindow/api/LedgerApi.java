package io.greenwindow.api;

import io.greenwindow.ledger.Ledger;
import io.greenwindow.ledger.LedgerCsv;
import io.greenwindow.ledger.LedgerJson;
import io.greenwindow.ledger.LedgerQuery;
import io.greenwindow.ledger.MonthlyReport;
import io.greenwindow.ledger.MonthlyReports;
import io.greenwindow.policy.PolicyStore;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * The ledger over HTTP, read-only: there is deliberately no route that writes, changes or deletes an entry.
 * <ul>
 *   <li>{@code GET /api/ledger?team&from&to&format=json|csv|codecarbon&limit&after}: paged in chain order,
 *   {@value #DEFAULT_PAGE} entries unless {@code limit} says (at most {@value #MAX_PAGE}); when more follow, the
 *   {@value #NEXT_PAGE_HEADER} header gives the {@code after} of the next page</li>
 *   <li>{@code GET /api/ledger/verify}</li>
 *   <li>{@code GET /api/reports/monthly?team&month=YYYY-MM&format=json|csv}</li>
 * </ul>
 */
public final class LedgerApi {

    public static final int DEFAULT_PAGE = 1000;
    public static final int MAX_PAGE = 10000;
    public static final String NEXT_PAGE_HEADER = "X-Next-After";

    private LedgerApi() {
    }

    public static void register(RoutesConfig routes, Ledger ledger) {
        register(routes, ledger, null);
    }

    /** As {@link #register(RoutesConfig, Ledger)}, with "budget used" read from the admins' policies (null: settings). */
    public static void register(RoutesConfig routes, Ledger ledger, PolicyStore policies) {
        MonthlyReports reports = new MonthlyReports(ledger, policies);
        routes.get("/api/ledger", ctx -> answer(ctx, () -> {
            LedgerQuery query = new LedgerQuery(ctx.queryParam("team"), instant(ctx, "from"), instant(ctx, "to"));
            int limit = Paging.limit(ctx, DEFAULT_PAGE, MAX_PAGE);
            var entries = ledger.page(query, Paging.start(ctx, "after"), limit + 1);
            if (entries.size() > limit) {
                // One more than asked for exists: say where the next page starts.
                entries = entries.subList(0, limit);
                ctx.header(NEXT_PAGE_HEADER, Long.toString(entries.get(limit - 1).seq()));
            }
            switch (format(ctx, "json", "csv", "codecarbon")) {
                case "csv" -> csv(ctx, LedgerCsv.ledger(entries), "ledger.csv");
                case "codecarbon" -> csv(ctx, LedgerCsv.codecarbon(entries), "emissions.csv");
                default -> json(ctx, entries);
            }
        }));
        routes.get("/api/ledger/verify", ctx -> answer(ctx, () -> json(ctx, ledger.verify())));
        routes.get("/api/reports/monthly", ctx -> answer(ctx, () -> {
            MonthlyReport report = reports.of(required(ctx, "team"), month(ctx));
            if (format(ctx, "json", "csv").equals("csv")) {
                csv(ctx, LedgerCsv.monthly(report), "report-" + report.team() + "-" + report.month() + ".csv");
            } else {
                json(ctx, report);
            }
        }));
    }

    /** Reads {@code ?month=YYYY-MM}; the current UTC month is not a default, so that a report says which it is. */
    static YearMonth month(Context ctx) {
        String value = required(ctx, "month");
        try {
            return YearMonth.parse(value);
        } catch (DateTimeParseException e) {
            throw new BadRequest("month: '" + value + "' is not a month like 2026-11");
        }
    }

    static String required(Context ctx, String name) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            throw new BadRequest(name + ": required");
        }
        return value;
    }

    /** A date (UTC midnight) or an ISO-8601 instant, or null when absent. */
    static Instant instant(Context ctx, String name) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return value.length() == 10 ? LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC) : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new BadRequest(name + ": '" + value + "' is neither a date like 2026-11-01 nor an instant like 2026-11-01T00:00:00Z");
        }
    }

    private static String format(Context ctx, String... allowed) {
        String value = ctx.queryParam("format");
        if (value == null || value.isBlank()) {
            return allowed[0];
        }
        for (String a : allowed) {
            if (a.equalsIgnoreCase(value)) {
                return a;
            }
        }
        throw new BadRequest("format: '" + value + "' is not one of " + String.join(", ", allowed));
    }

    private static void json(Context ctx, Object value) {
        ctx.contentType("application/json").result(LedgerJson.write(value));
    }

    private static void csv(Context ctx, String body, String filename) {
        ctx.contentType("text/csv; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"" + filename + "\"")
                .result(body);
    }

    /** Bad query parameters are the caller's mistake: 400 with the sentence, never a stack trace. */
    private static void answer(Context ctx, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) { // BadRequest, a query the domain refuses (to before from), or a fault
            ErrorResponses.respond(ctx, e);
        }
    }

    private static final class BadRequest extends IllegalArgumentException {
        BadRequest(String message) {
            super(message);
        }
    }
}
