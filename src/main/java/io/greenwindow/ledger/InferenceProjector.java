package io.greenwindow.ledger;

import io.greenwindow.energy.InferenceProbeResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Projects a model's lifetime inference energy and carbon from its probe and the spec's assumptions. */
final class InferenceProjector {

    static final double JOULES_PER_KWH = 3.6e6;

    private InferenceProjector() {
    }

    static InferenceProjection project(InferenceAssumptions a, InferenceProbeResult probe,
            DeploymentIntensity intensity, Double trainingAvoidedG) {
        List<String> notes = new ArrayList<>();
        double pue = a.pue() == null ? 1.0 : a.pue();
        if (a.pue() == null) {
            notes.add("PUE of the deployment is unknown: 1.0 assumed, which understates a real data centre");
        }
        if (!probe.method().isMeasured()) {
            notes.add("The probe's joules are " + probe.method().label() + ", not a measurement");
        }
        double joules;
        String basis;
        if (probe.joulesPerToken() != null && a.tokensPerResponse() != null) {
            joules = probe.joulesPerToken() * a.tokensPerResponse();
            basis = String.format(Locale.ROOT, "probe %.4g J/token x %d tokens per response",
                    probe.joulesPerToken(), a.tokensPerResponse());
        } else {
            joules = probe.joulesPerRequestSmall();
            basis = String.format(Locale.ROOT, "probe %.4g J/request at batch %d (online serving)",
                    probe.joulesPerRequestSmall(), probe.smallBatch());
            if (a.tokensPerResponse() != null) {
                notes.add("The probe gave no joules per token; tokens per response are not used");
            }
        }
        double requests = a.lifetimeRequests();
        double kwh = kwh(joules, requests, pue);
        Double g = intensity.gPerKwh() == null ? null : kwh * intensity.gPerKwh();
        Double gPerRequest = intensity.gPerKwh() == null ? null : kwh(joules, 1, pue) * intensity.gPerKwh();
        Double ratio = g != null && trainingAvoidedG != null && trainingAvoidedG > 0 ? g / trainingAvoidedG : null;
        Double beRequests = breakEvenRequests(trainingAvoidedG, gPerRequest);
        Double beDays = beRequests == null || a.requestsPerDay() <= 0 ? null : beRequests / a.requestsPerDay();
        String sentence = breakEvenSentence(trainingAvoidedG, gPerRequest, beRequests, beDays, a.requestsPerDay());

        List<InferenceProjection.ResponseLengthCase> cases = new ArrayList<>();
        if (probe.joulesPerToken() != null) {
            if (a.tokensPerResponse() != null) {
                cases.add(lengthCase("spec-length", a.tokensPerResponse(), String.format(Locale.ROOT,
                        "the job's spec, priced by this model's probe (%.4g J/token)", probe.joulesPerToken()),
                        probe.joulesPerToken() * a.tokensPerResponse(), a, pue, intensity, trainingAvoidedG));
            }
            // Published answers at their published energy per response: not this model's J/token scaled, which
            // would make a 6,988-token answer 9.75x a 717-token one where the leaderboard measured 25x.
            for (ResponsePreset preset : List.of(ResponsePreset.CHAT, ResponsePreset.REASONING)) {
                cases.add(lengthCase(preset.label(), preset.tokens(), preset.source(), preset.joulesPerResponse(), a,
                        pue, intensity, trainingAvoidedG));
            }
        }
        return new InferenceProjection(probe.modelKind(), probe.method().label(), probe.method().isMeasured(),
                probe.detail(), probe.backend(), joules, basis, a.requestsPerDay(), a.lifetimeDays(), requests,
                a.tokensPerResponse(), a.zone(), intensity.gPerKwh(), intensity.basis(), pue, a.pue() != null, kwh, g,
                gPerRequest, trainingAvoidedG, ratio, beRequests, beDays, sentence, cases, notes);
    }

    private static InferenceProjection.ResponseLengthCase lengthCase(String label, int tokens, String source,
            double joules, InferenceAssumptions a, double pue, DeploymentIntensity intensity, Double avoided) {
        double kwh = kwh(joules, a.lifetimeRequests(), pue);
        Double g = intensity.gPerKwh() == null ? null : kwh * intensity.gPerKwh();
        Double gPerRequest = intensity.gPerKwh() == null ? null : kwh(joules, 1, pue) * intensity.gPerKwh();
        Double be = breakEvenRequests(avoided, gPerRequest);
        Double days = be == null || a.requestsPerDay() <= 0 ? null : be / a.requestsPerDay();
        return new InferenceProjection.ResponseLengthCase(label, tokens, source, joules, kwh, g, days);
    }

    static double kwh(double joulesPerRequest, double requests, double pue) {
        return joulesPerRequest * requests * pue / JOULES_PER_KWH;
    }

    static Double breakEvenRequests(Double avoidedG, Double gPerRequest) {
        if (avoidedG == null || gPerRequest == null) {
            return null;
        }
        if (avoidedG <= 0) {
            return 0.0;
        }
        return gPerRequest > 0 ? avoidedG / gPerRequest : null;
    }

    private static String breakEvenSentence(Double avoidedG, Double gPerRequest, Double requests, Double days,
            double perDay) {
        if (gPerRequest == null) {
            return "No break-even: the deployment zone's intensity is unknown";
        }
        if (avoidedG == null) {
            return "No break-even yet: the training saving waits for history";
        }
        if (avoidedG <= 0) {
            return "Waiting saved nothing (" + Quantities.carbon(avoidedG)
                    + "): inference outweighs it from the first request";
        }
        if (requests == null) {
            return "Inference never outweighs the saving: it emits nothing per request";
        }
        String when = days == null ? "" : String.format(Locale.ROOT, " (%s at %,.0f requests/day)", Quantities.days(days), perDay);
        return String.format(Locale.ROOT, "Inference emits more than waiting saved (%s) after %s requests%s",
                Quantities.carbon(avoidedG), Quantities.significant(requests), when);
    }
}
