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
import java.util.Map;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * The ledger over HTTP, read-only: there is deliberately no route that writes, changes or deletes an entry.
 * <ul>
 *   <li>{@code GET /api/ledger?team&from&to&format=json|csv|codecarbon|codecarbon-extended&limit&after}: paged in
 *   chain order, {@value #DEFAULT_PAGE} entries unless {@code limit} says (at most {@value #MAX_PAGE}); when more
 *   follow, the {@value #NEXT_PAGE_HEADER} header gives the {@code after} of the next page</li>
 *   <li>{@code GET /api/ledger/verify?head=SEQ:HASH}</li>
 *   <li>{@code GET /api/ledger/whatif?job&requestsPerDay&lifetimeDays&tokens|words&tokensPerWord&zone&pue&preset},
 *       and {@code POST} with the same as JSON</li>
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
            // Without ?team an engineer reads its own teams' entries only (the role table admits the list).
            var entries = ledger.page(query, Paging.start(ctx, "after"), limit + 1).stream()
                    .filter(e -> query.team() != null || Gatekeeper.sees(ctx, e.content().team())).toList();
            if (entries.size() > limit) {
                // One more than asked for exists: say where the next page starts.
                entries = entries.subList(0, limit);
                ctx.header(NEXT_PAGE_HEADER, Long.toString(entries.get(limit - 1).seq()));
            }
            headHeaders(ctx, ledger.head());
            switch (format(ctx, "json", "csv", "codecarbon", "codecarbon-extended")) {
                case "csv" -> csv(ctx, LedgerCsv.ledger(entries), "ledger.csv");
                case "codecarbon" -> csv(ctx, io.greenwindow.ledger.CodeCarbonCsv.codecarbon(entries), "emissions.csv");
                case "codecarbon-extended" -> csv(ctx, io.greenwindow.ledger.CodeCarbonCsv.extended(entries),
                        "emissions-extended.csv");
                default -> json(ctx, entries);
            }
        }));
        routes.get("/api/ledger/verify", ctx -> answer(ctx, () -> {
            String head = ctx.queryParam("head");
            if (head == null || head.isBlank()) {
                json(ctx, ledger.verify());
                return;
            }
            String[] parts = head.trim().split(":", 2);
            long seq;
            try {
                seq = Long.parseLong(parts[0]);
            } catch (NumberFormatException e) {
                seq = -1;
            }
            if (parts.length != 2 || seq < 0 || !parts[1].matches("[0-9a-f]{64}")) {
                throw new BadRequest("head: '" + head + "' is not SEQ:HASH, a sequence number and the 64 hex digits "
                        + "of its hash, like 12:" + "ab".repeat(32));
            }
            json(ctx, ledger.verify(seq, parts[1]));
        }));
        routes.get("/api/ledger/whatif", ctx -> answer(ctx, () -> whatIf(ctx, ledger,
                io.greenwindow.ledger.WhatIfQuestion.fromParams(ctx::queryParam))));
        routes.post("/api/ledger/whatif", ctx -> answer(ctx, () -> {
            io.greenwindow.ledger.WhatIfQuestion question;
            try {
                question = LedgerJson.mapper().readValue(ctx.body(), io.greenwindow.ledger.WhatIfQuestion.class);
            } catch (java.io.IOException e) {
                throw new BadRequest("body: not a what-if question (" + rootMessage(e) + "); send JSON like "
                        + "{\"jobId\": \"...\", \"requestsPerDay\": 50000, \"tokens\": 6988}");
            }
            whatIf(ctx, ledger, question);
        }));
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

    private static void whatIf(Context ctx, Ledger ledger, io.greenwindow.ledger.WhatIfQuestion question) {
        try {
            json(ctx, ledger.whatIf(question));
        } catch (java.util.NoSuchElementException e) {
            ctx.status(404).contentType("application/json").result(LedgerJson.write(Map.of("error", e.getMessage())));
        }
    }

    /** The sentence of a failed JSON read, or of a record's check it wrapped, never a class name. */
    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof IllegalArgumentException) {
            return t.getMessage();
        }
        // Jackson's own messages name Java types; the user gets the field, where Jackson knows it.
        if (e instanceof com.fasterxml.jackson.databind.JsonMappingException m && !m.getPath().isEmpty()) {
            return "field " + m.getPath().get(m.getPath().size() - 1).getFieldName() + " has the wrong type";
        }
        return "not valid JSON";
    }

    /** Every export says which head it was taken at, signed, so that its reader can later check the ledger. */
    private static void headHeaders(Context ctx, io.greenwindow.ledger.LedgerHead head) {
        ctx.header("X-Ledger-Head", head.written());
        ctx.header("X-Ledger-Head-Signed-At", head.signedAt().toString());
        if (head.signature() != null) {
            ctx.header("X-Ledger-Head-Signature", head.signature());
            ctx.header("X-Ledger-Public-Key", head.publicKey());
        }
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
