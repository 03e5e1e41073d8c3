package io.greenwindow.web;

import io.greenwindow.ledger.Ledger;
import io.greenwindow.ledger.Quantities;
import io.greenwindow.ledger.ResponsePreset;
import io.greenwindow.ledger.SciScore;
import io.greenwindow.ledger.WhatIfAnswer;
import io.greenwindow.ledger.WhatIfQuestion;
import io.javalin.config.RoutesConfig;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * {@code GET /reports/whatif?job=ID&requestsPerDay=&lifetimeDays=&tokens=&words=&tokensPerWord=&zone=&pue=&preset=}:
 * the inference what-if of one trained model as a page with its form, so that a lead can ask "does a 6,988-token
 * answer eat this model's training saving at 50,000 requests a day?" and read the answer with its method.
 */
final class WhatIfPage {

    private WhatIfPage() {
    }

    static void register(RoutesConfig routes, Ledger ledger) {
        routes.get("/reports/whatif", ctx -> {
            Function<String, String> param = ctx::queryParam;
            WhatIfAnswer answer;
            try {
                answer = ledger.whatIf(WhatIfQuestion.fromParams(param));
            } catch (IllegalArgumentException e) {
                ctx.status(400).html(page("What if", "<p>" + Html.escape(e.getMessage()) + "</p>" + form(param)));
                return;
            } catch (NoSuchElementException e) {
                ctx.status(404).html(page("What if", "<p>" + Html.escape(e.getMessage()) + "</p>" + form(param)));
                return;
            }
            ctx.html(page("What if: " + answer.jobName(), render(answer) + "<h2>Ask again</h2>" + form(param)));
        });
    }

    /** The what-if form for one job, its fields filled with {@code values} (blank: as the spec says). */
    static String form(Function<String, String> values) {
        StringBuilder f = new StringBuilder("<form class=\"whatif\" method=\"get\" action=\"/reports/whatif\">")
                .append("<input type=\"hidden\" name=\"job\" value=\"").append(Html.escape(value(values, "job")))
                .append("\">");
        field(f, values, "requestsPerDay", "Requests per day");
        field(f, values, "lifetimeDays", "Deployment lifetime (days)");
        field(f, values, "tokens", "Answer length (tokens)");
        field(f, values, "words", "or (words)");
        field(f, values, "tokensPerWord", "tokens per word (default " + WhatIfQuestion.DEFAULT_TOKENS_PER_WORD + ")");
        field(f, values, "zone", "Deployment zone");
        field(f, values, "pue", "Deployment PUE");
        f.append("<label>Priced by <select name=\"preset\"><option value=\"\">this model's own probe</option>");
        for (ResponsePreset p : ResponsePreset.values()) {
            f.append("<option value=\"").append(p.label()).append('"')
                    .append(p.label().equals(value(values, "preset")) ? " selected" : "").append('>')
                    .append(Html.escape(p.label() + ": " + p.source())).append("</option>");
        }
        f.append("</select></label> <button type=\"submit\">Show</button>")
                .append("<p class=\"sub\">Blank fields keep what the job's spec says.</p></form>");
        return f.toString();
    }

    static String render(WhatIfAnswer a) {
        StringBuilder b = new StringBuilder();
        b.append("<h1>What if: ").append(Html.escape(a.jobName())).append(" <small>(").append(Html.escape(a.jobId()))
                .append(", ledger entry ").append(a.entrySeq()).append(")</small></h1>");
        b.append("<p class=\"verdict\"><b>").append(Html.escape(a.verdict())).append("</b></p>");
        WhatIfAnswer.Training t = a.training();
        WhatIfAnswer.Deployment d = a.deployment();
        WhatIfAnswer.Inference i = a.inference();
        b.append("<h2>Training saving against inference</h2><table class=\"totals\">");
        row(b, "Emitted in training (inventory)", Quantities.carbon(t.inventoryG(), "pending")
                + " from " + Quantities.energy(t.facilityKwh()) + ", " + t.energyMethod()
                + ", PUE " + (t.pueKnown() ? Quantities.significant(t.pue()) : "unknown, 1.0 assumed"));
        row(b, "Avoided by waiting (the training saving)", Quantities.carbon(t.avoidedG(), "pending")
                + (t.avoidedBasis() == null ? "" : " on " + t.avoidedBasis()));
        row(b, "Deployment", Quantities.significant(d.requestsPerDay()) + " requests/day x " + d.lifetimeDays()
                + " days = " + Quantities.significant(d.lifetimeRequests()) + " requests in " + d.zone()
                + ", PUE " + (d.pueKnown() ? Quantities.significant(d.pue()) : "unknown, 1.0 assumed")
                + " (" + d.basis() + ")");
        row(b, "Deployment intensity", (d.intensityGPerKwh() == null ? "unknown"
                : Quantities.significant(d.intensityGPerKwh()) + " gCO2e/kWh") + ": " + d.intensityBasis());
        row(b, "Energy per answer (" + i.length() + ")", Quantities.significant(i.joulesPerResponse()) + " J: "
                + i.energyBasis());
        row(b, "Inference over the deployment (projected)", Quantities.energy(i.lifetimeKwh()) + ", "
                + Quantities.carbon(i.lifetimeG(), "unknown") + ratio(i)
                + " (energy per answer x requests x PUE x deployment intensity)");
        row(b, "Break-even", breakEven(i));
        SciScore s = a.sciPer1000Requests();
        row(b, "SCI per 1,000 requests", Quantities.carbon(s.sciG(), "unknown") + ": " + s.method());
        b.append("</table>");
        b.append("<h2>Other answer lengths, same deployment</h2><table><tr><th>Priced by</th><th>Answer</th>"
                + "<th>Energy per answer</th><th>How it was obtained</th><th>Inference over the deployment</th>"
                + "<th>Break-even</th></tr>");
        for (WhatIfAnswer.Inference o : a.sideBySide()) {
            b.append("<tr><td>").append(Html.escape(o.label())).append("</td><td>").append(Html.escape(o.length()))
                    .append("</td><td>").append(Html.escape(Quantities.significant(o.joulesPerResponse()))).append(" J")
                    .append("</td><td>").append(Html.escape(o.energyBasis())).append("</td><td>")
                    .append(Html.escape(Quantities.carbon(o.lifetimeG(), "unknown") + ratio(o))).append("</td><td>")
                    .append(Html.escape(breakEven(o))).append("</td></tr>");
        }
        b.append("</table>");
        if (!a.notes().isEmpty()) {
            b.append("<h2>Notes</h2><ul>");
            a.notes().forEach(n -> b.append("<li>").append(Html.escape(n)).append("</li>"));
            b.append("</ul>");
        }
        return b.toString();
    }

    private static String ratio(WhatIfAnswer.Inference i) {
        return i.ratioToTrainingSaving() == null ? ""
                : ", " + Quantities.significant(i.ratioToTrainingSaving()) + "x the training saving";
    }

    private static String breakEven(WhatIfAnswer.Inference i) {
        if (i.breakEvenRequests() == null) {
            return "none (saving or intensity unknown)";
        }
        return Quantities.significant(i.breakEvenRequests()) + " requests"
                + (i.breakEvenDays() == null ? "" : ", " + Quantities.days(i.breakEvenDays()));
    }

    private static void field(StringBuilder f, Function<String, String> values, String name, String label) {
        f.append("<label>").append(Html.escape(label)).append(" <input name=\"").append(name).append("\" value=\"")
                .append(Html.escape(value(values, name))).append("\" size=\"8\"></label> ");
    }

    private static String value(Function<String, String> values, String name) {
        String v = values.apply(name);
        return v == null ? "" : v;
    }

    private static void row(StringBuilder out, String name, String value) {
        out.append("<tr><td>").append(Html.escape(name)).append("</td><td>").append(Html.escape(value)).append("</td></tr>");
    }

    private static String page(String title, String body) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + Html.escape(title)
                + "</title><style>body{font-family:sans-serif;max-width:72em;margin:2em auto;color:#222}"
                + "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;"
                + "text-align:left;font-size:13px;vertical-align:top}.totals td:first-child{font-weight:bold}"
                + ".sub{color:#555}.verdict{font-size:18px}form.whatif label{display:inline-block;margin:.3em 1em .3em 0}"
                + "</style></head><body>" + body + "</body></html>";
    }

    /** The form's values for a job, blank but the job's id. */
    static Function<String, String> forJob(String jobId) {
        return Map.of("job", jobId)::get;
    }
}
