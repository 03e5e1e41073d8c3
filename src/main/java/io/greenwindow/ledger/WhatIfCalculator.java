package io.greenwindow.ledger;

import io.greenwindow.energy.InferenceProbeResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Prices a trained model's inference over a deployment a lead asks about, against the training saving its
 * ledger entry holds. Energy per answer comes from the model's own probe on its node (joules per token x tokens,
 * or joules per request for a model without tokens); a preset uses its published energy per response instead.
 */
final class WhatIfCalculator {

    private final SciCalculator sci;
    private final Function<String, DeploymentIntensity> intensityOf;

    WhatIfCalculator(SciCalculator sci, Function<String, DeploymentIntensity> intensityOf) {
        this.sci = sci;
        this.intensityOf = intensityOf;
    }

    WhatIfAnswer answer(LedgerEntry job, WhatIfQuestion q) {
        EntryContent c = job.content();
        InferenceProbeResult probe = c.probe();
        if (probe == null) {
            throw new IllegalArgumentException("job: " + c.jobId() + " has no inference probe result, so its energy "
                    + "per answer is unknown (the probe runs after training when the spec has an inference section)");
        }
        InferenceAssumptions spec = c.assumptions();
        List<String> notes = new ArrayList<>();
        List<String> from = new ArrayList<>();
        double perDay = pick(q.requestsPerDay(), spec == null ? null : spec.requestsPerDay(), "requests/day", from);
        int days = (int) pick(q.lifetimeDays() == null ? null : q.lifetimeDays().doubleValue(),
                spec == null ? null : (double) spec.lifetimeDays(), "lifetime", from);
        String zone = q.zone() != null ? q.zone() : spec != null ? spec.zone() : c.zone();
        from.add("zone " + (q.zone() != null ? "asked" : spec != null ? "from the spec" : "the training zone"));
        Double askedPue = q.pue() != null ? q.pue() : spec == null ? null : spec.pue();
        boolean pueKnown = askedPue != null;
        double pue = pueKnown ? askedPue : 1.0;
        from.add("PUE " + (q.pue() != null ? "asked" : pueKnown ? "from the spec" : "unknown"));
        if (!pueKnown) {
            notes.add("PUE of the deployment is unknown: 1.0 assumed, which understates a real data centre");
        }
        if (!c.energy().pueKnown()) {
            notes.add("PUE of the training run is unknown: 1.0 assumed, so its emitted and avoided carbon understate");
        }
        if (!probe.method().isMeasured()) {
            notes.add("The probe's joules are " + probe.method().label() + ", not a measurement");
        }
        DeploymentIntensity intensity = intensityOf.apply(zone);
        Double avoided = c.carbon() == null ? null : c.carbon().avoidedG();
        WhatIfAnswer.Training training = new WhatIfAnswer.Training(c.carbon() == null ? null : c.carbon().inventoryG(),
                avoided, c.carbon() == null ? null : c.carbon().avoidedBasis(), c.energy().methodSummary(),
                c.energy().facilityKwh(), c.energy().pue(), c.energy().pueKnown());
        WhatIfAnswer.Deployment deployment = new WhatIfAnswer.Deployment(perDay, days, perDay * days, zone,
                intensity.gPerKwh(), intensity.basis(), pue, pueKnown, String.join(", ", from));

        // The asked answer length, in tokens (null for a model without tokens).
        ResponsePreset preset = q.preset() == null ? null : ResponsePreset.byLabel(q.preset()).orElseThrow();
        Integer tokens;
        String length;
        if (preset != null) {
            tokens = preset.tokens() != null ? preset.tokens()
                    : (int) Math.round(preset.words() * WhatIfQuestion.DEFAULT_TOKENS_PER_WORD);
            length = preset.length();
        } else if (q.words() != null) {
            double perWord = q.tokensPerWord() != null ? q.tokensPerWord() : WhatIfQuestion.DEFAULT_TOKENS_PER_WORD;
            tokens = (int) Math.round(q.words() * perWord);
            length = String.format(Locale.ROOT, "%,d words x %s tokens/word%s = %,d tokens", q.words(),
                    Quantities.significant(perWord), q.tokensPerWord() == null ? " (default: a token is about 3/4 of "
                            + "an English word)" : " (as stated)", tokens);
        } else {
            tokens = q.tokens() != null ? q.tokens() : spec == null ? null : spec.tokensPerResponse();
            length = tokens == null ? "one request" : String.format(Locale.ROOT, "%,d tokens%s", tokens,
                    q.tokens() != null ? "" : " (from the spec)");
        }
        WhatIfAnswer.Inference own = probePriced("this model", tokens, length, probe, deployment, avoided);
        WhatIfAnswer.Inference asked = preset == null ? own
                : priced(preset.label(), preset.length(), preset.joulesPerResponse(), preset.source() + ", as published"
                        + " (not this model's probe)", deployment, avoided);
        List<WhatIfAnswer.Inference> side = new ArrayList<>();
        if (preset != null) {
            side.add(own);
        }
        for (ResponsePreset p : ResponsePreset.values()) {
            if (p != preset) {
                side.add(priced(p.label(), p.length(), p.joulesPerResponse(), p.source() + ", as published",
                        deployment, avoided));
            }
        }
        if (probe.joulesPerToken() != null && tokens != null && tokens > 2000 && preset == null) {
            notes.add("This model's probe is priced linearly in tokens; long answers of large models cost more per "
                    + "token (ML.ENERGY: 4,625 J for 6,988 tokens against 184 J for 717, 25x for 9.75x the tokens)");
        }
        double seconds = tokens != null && probe.secondsPerToken() != null && probe.joulesPerToken() != null
                ? probe.secondsPerToken() * tokens : probe.secondsPerRequestSmall();
        String timeBasis = tokens != null && probe.secondsPerToken() != null && probe.joulesPerToken() != null
                ? String.format(Locale.ROOT, "node time %.4g s/token x %,d tokens", probe.secondsPerToken(), tokens)
                : String.format(Locale.ROOT, "node time %.4g s per request", probe.secondsPerRequestSmall());
        SciScore score = sci.thousandRequests(asked.joulesPerResponse(), pue, intensity.gPerKwh(), seconds,
                asked.energyBasis(), intensity.basis(), timeBasis);
        return new WhatIfAnswer(c.jobId(), c.jobName(), job.seq(), training, deployment, asked, score,
                verdict(asked, deployment, avoided), side, notes);
    }

    private static double pick(Double asked, Double spec, String what, List<String> from) {
        if (asked != null) {
            from.add(what + " asked");
            return asked;
        }
        if (spec == null) {
            throw new IllegalArgumentException(("requests/day".equals(what) ? "requestsPerDay" : "lifetimeDays")
                    + ": required, the job's spec has no inference section to take it from");
        }
        from.add(what + " from the spec");
        return spec;
    }

    private static WhatIfAnswer.Inference probePriced(String label, Integer tokens, String length,
            InferenceProbeResult probe, WhatIfAnswer.Deployment d, Double avoided) {
        if (probe.joulesPerToken() != null && tokens != null) {
            return priced(label, length, probe.joulesPerToken() * tokens, String.format(Locale.ROOT,
                    "this model's probe on its node: %.4g J/token (%s, %s) x %,d tokens", probe.joulesPerToken(),
                    probe.method().label(), probe.detail(), tokens), d, avoided);
        }
        return priced(label, "one request", probe.joulesPerRequestSmall(), String.format(Locale.ROOT,
                "this model's probe on its node: %.4g J per request at batch %d (%s, %s)", probe.joulesPerRequestSmall(),
                probe.smallBatch(), probe.method().label(), probe.detail()), d, avoided);
    }

    private static WhatIfAnswer.Inference priced(String label, String length, double joules, String basis,
            WhatIfAnswer.Deployment d, Double avoided) {
        double kwh = InferenceProjector.kwh(joules, d.lifetimeRequests(), d.pue());
        Double g = d.intensityGPerKwh() == null ? null : kwh * d.intensityGPerKwh();
        Double perRequest = d.intensityGPerKwh() == null ? null
                : InferenceProjector.kwh(joules, 1, d.pue()) * d.intensityGPerKwh();
        Double requests = InferenceProjector.breakEvenRequests(avoided, perRequest);
        Double days = requests == null || d.requestsPerDay() <= 0 ? null : requests / d.requestsPerDay();
        Double ratio = g != null && avoided != null && avoided > 0 ? g / avoided : null;
        return new WhatIfAnswer.Inference(label, length, joules, basis, kwh, g, perRequest, requests, days, ratio);
    }

    /** "Yes: ..." or "No: ..." with the figures that decide it. */
    private static String verdict(WhatIfAnswer.Inference i, WhatIfAnswer.Deployment d, Double avoided) {
        String at = String.format(Locale.ROOT, "at %s requests a day over %d days in %s", Quantities.significant(
                d.requestsPerDay()), d.lifetimeDays(), d.zone());
        if (i.gPerRequest() == null) {
            return "Unknown: the intensity of the deployment zone " + d.zone() + " is unknown (" + d.intensityBasis() + ")";
        }
        if (avoided == null) {
            return "Unknown yet: the training saving waits for grid history";
        }
        if (avoided <= 0) {
            return "Waiting saved nothing (" + Quantities.carbon(avoided) + "): any inference outweighs it";
        }
        if (i.breakEvenRequests() == null) {
            return "No: inference emits nothing per request";
        }
        boolean eaten = i.breakEvenRequests() <= d.lifetimeRequests();
        String when = i.breakEvenDays() == null ? "" : " (" + Quantities.days(i.breakEvenDays()) + ")";
        return String.format(Locale.ROOT, "%s: answers of %s (%s J each) %s emit %s over the deployment, %sx the %s "
                        + "waiting saved in training, which they %s after %s requests%s", eaten ? "Yes" : "No",
                i.length(), Quantities.significant(i.joulesPerResponse()), at, Quantities.carbon(i.lifetimeG()),
                Quantities.significant(i.ratioToTrainingSaving()), Quantities.carbon(avoided),
                eaten ? "eat" : "would only eat", Quantities.significant(i.breakEvenRequests()), when);
    }
}
