package io.greenwindow.api;

import io.greenwindow.job.JobEvent;
import io.greenwindow.job.StoredPlan;
import io.greenwindow.reason.Reason;
import io.greenwindow.reason.ReasonCode;
import io.greenwindow.reason.ReasonJson;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How reasons appear in the API: {@code reason}, the sentence from the one Wording, and beside it {@code why}, the
 * code and its arguments (null for a sentence stored before codes), from which a client such as the CLI renders the
 * same sentence.
 */
final class ReasonViews {

    private ReasonViews() {
    }

    static Map<String, Object> why(Reason reason) {
        return reason.code() == ReasonCode.TEXT ? null : ReasonJson.tree(reason);
    }

    static Map<String, Object> event(JobEvent e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("jobId", e.jobId());
        m.put("at", e.at());
        m.put("from", e.from());
        m.put("to", e.to());
        m.put("reason", e.reason());
        m.put("why", why(e.why()));
        return m;
    }

    static Map<String, Object> plan(StoredPlan p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("jobId", p.jobId());
        m.put("decision", p.decision());
        m.put("zone", p.zone());
        m.put("segments", p.segments());
        m.put("expectedGPerKwh", p.expectedGPerKwh());
        m.put("nowGPerKwh", p.nowGPerKwh());
        m.put("expectedSaving", p.expectedSaving());
        m.put("reason", p.reason());
        m.put("why", why(p.why()));
        m.put("policy", p.policy());
        m.put("plannedAt", p.plannedAt());
        return m;
    }
}
