package io.greenwindow.web;

import io.greenwindow.ledger.Ledger;
import io.greenwindow.ledger.Quantities;
import io.greenwindow.ledger.ResponsePreset;
import io.greenwindow.ledger.SciScore;
import io.greenwindow.ledger.WhatIfAnswer;
import io.greenwindow.ledger.WhatIfQuestion;
import io.javalin.config.RoutesConfig;
import java.util.ArrayList;
import java.util.List;
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
                ctx.status(400).html(MessageView.page("What if", e.getMessage(), null, form(param)));
                return;
            } catch (NoSuchElementException e) {
                ctx.status(404).html(MessageView.page("What if", e.getMessage(), null, form(param)));
                return;
            }
            ctx.html(render(answer, form(param)));
        });
    }

    /** The what-if form for one job, its fields filled with {@code values} (blank: as the spec says). */
    static WhatIfView.Form form(Function<String, String> values) {
        List<WhatIfView.Field> fields = new ArrayList<>();
        fields.add(field(values, "requestsPerDay", "Requests per day"));
        fields.add(field(values, "lifetimeDays", "Deployment lifetime (days)"));
        fields.add(field(values, "tokens", "Answer length (tokens)"));
        fields.add(field(values, "words", "or (words)"));
        fields.add(field(values, "tokensPerWord", "tokens per word (default " + WhatIfQuestion.DEFAULT_TOKENS_PER_WORD + ")"));
        fields.add(field(values, "zone", "Deployment zone"));
        fields.add(field(values, "pue", "Deployment PUE"));
        List<WhatIfView.Option> presets = new ArrayList<>();
        for (ResponsePreset p : ResponsePreset.values()) {
            presets.add(new WhatIfView.Option(p.label(), p.label() + ": " + p.source(),
                    p.label().equals(value(values, "preset"))));
        }
        return new WhatIfView.Form(value(values, "job"), fields, presets);
    }

    private static WhatIfView.Field field(Function<String, String> values, String name, String label) {
        return new WhatIfView.Field(name, label, value(values, name));
    }

    static String render(WhatIfAnswer a, WhatIfView.Form askAgain) {
        WhatIfAnswer.Training t = a.training();
        WhatIfAnswer.Deployment d = a.deployment();
        WhatIfAnswer.Inference i = a.inference();
        List<WhatIfView.Row> rows = new ArrayList<>();
        rows.add(new WhatIfView.Row("Emitted in training (inventory)", Quantities.carbon(t.inventoryG(), "pending")
                + " from " + Quantities.energy(t.facilityKwh()) + ", " + t.energyMethod()
                + ", PUE " + (t.pueKnown() ? Quantities.significant(t.pue()) : "unknown, 1.0 assumed")));
        rows.add(new WhatIfView.Row("Avoided by waiting (the training saving)", Quantities.carbon(t.avoidedG(), "pending")
                + (t.avoidedBasis() == null ? "" : " on " + t.avoidedBasis())));
        rows.add(new WhatIfView.Row("Deployment", Quantities.significant(d.requestsPerDay()) + " requests/day x "
                + d.lifetimeDays() + " days = " + Quantities.significant(d.lifetimeRequests()) + " requests in " + d.zone()
                + ", PUE " + (d.pueKnown() ? Quantities.significant(d.pue()) : "unknown, 1.0 assumed")
                + " (" + d.basis() + ")"));
        rows.add(new WhatIfView.Row("Deployment intensity", (d.intensityGPerKwh() == null ? "unknown"
                : Quantities.significant(d.intensityGPerKwh()) + " gCO2e/kWh") + ": " + d.intensityBasis()));
        rows.add(new WhatIfView.Row("Energy per answer (" + i.length() + ")", Quantities.significant(i.joulesPerResponse())
                + " J: " + i.energyBasis()));
        rows.add(new WhatIfView.Row("Inference over the deployment (projected)", Quantities.energy(i.lifetimeKwh()) + ", "
                + Quantities.carbon(i.lifetimeG(), "unknown") + ratio(i)
                + " (energy per answer x requests x PUE x deployment intensity)"));
        rows.add(new WhatIfView.Row("Break-even", breakEven(i)));
        SciScore s = a.sciPer1000Requests();
        rows.add(new WhatIfView.Row("SCI per 1,000 requests", Quantities.carbon(s.sciG(), "unknown") + ": " + s.method()));
        List<WhatIfView.Other> others = new ArrayList<>();
        for (WhatIfAnswer.Inference o : a.sideBySide()) {
            others.add(new WhatIfView.Other(o.label(), o.length(), Quantities.significant(o.joulesPerResponse()),
                    o.energyBasis(), Quantities.carbon(o.lifetimeG(), "unknown") + ratio(o), breakEven(o)));
        }
        return Templates.render("whatif.jte", new WhatIfView("What if: " + a.jobName(), a.jobName(), a.jobId(),
                a.entrySeq(), a.verdict(), rows, others, a.notes(), askAgain));
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

    private static String value(Function<String, String> values, String name) {
        String v = values.apply(name);
        return v == null ? "" : v;
    }

    /** The form's values for a job, blank but the job's id. */
    static Function<String, String> forJob(String jobId) {
        return Map.of("job", jobId)::get;
    }
}
