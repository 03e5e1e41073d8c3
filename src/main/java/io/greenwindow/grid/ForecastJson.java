package io.greenwindow.grid;

import io.greenwindow.json.JsonMapping;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;

/**
 * The one JSON shape of a forecast, shared by {@code greenwindow forecast --json} and {@code GET /api/forecast}:
 * {@code {"zone","adapter","kind","generatedAt","points":[{"start","minutes","gPerKwh"}]}}, plus {@code filled}
 * on a point only where it was filled and {@code fallbacks} only when providers were skipped.
 */
public final class ForecastJson {

    public static final ObjectMapper MAPPER = JsonMapping.json();

    private ForecastJson() {
    }

    public static ObjectNode of(Signal signal, List<String> fallbacks) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("zone", signal.zone());
        root.put("adapter", signal.source());
        root.put("kind", signal.kind().name().toLowerCase(Locale.ROOT));
        root.put("generatedAt", signal.generatedAt() == null ? null : signal.generatedAt().toString());
        ArrayNode points = root.putArray("points");
        long minutes = signal.step().toMinutes();
        for (SignalPoint p : signal.points()) {
            ObjectNode n = points.addObject();
            n.put("start", p.start().toString());
            n.put("minutes", minutes);
            n.put("gPerKwh", Math.round(p.gPerKwh() * 1000.0) / 1000.0);
            if (p.filled()) {
                n.put("filled", true);
            }
        }
        if (!fallbacks.isEmpty()) {
            ArrayNode f = root.putArray("fallbacks");
            fallbacks.forEach(f::add);
        }
        return root;
    }

    public static ObjectNode of(AdapterStatus s) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("name", s.name());
        n.put("kind", s.kind());
        ArrayNode zones = n.putArray("zones");
        s.zones().forEach(zones::add);
        n.put("priority", s.priority());
        n.put("health", s.health().name());
        n.put("lastSuccess", s.lastSuccess() == null ? null : s.lastSuccess().toString());
        n.put("lastFailure", s.lastFailure() == null ? null : s.lastFailure().toString());
        n.put("lastError", s.lastError());
        n.put("consecutiveFailures", s.consecutiveFailures());
        n.put("lastFallbackAt", s.lastFallbackAt() == null ? null : s.lastFallbackAt().toString());
        n.put("lastFallback", s.lastFallback());
        n.put("circuit", s.circuit().name());
        n.put("openUntil", s.openUntil() == null ? null : s.openUntil().toString());
        n.put("notBefore", s.notBefore() == null ? null : s.notBefore().toString());
        n.put("requestsUsed", s.requestsUsed());
        if (s.requestBudget() > 0) {
            n.put("requestBudget", s.requestBudget());
        } else {
            n.putNull("requestBudget");
        }
        return n;
    }
}
