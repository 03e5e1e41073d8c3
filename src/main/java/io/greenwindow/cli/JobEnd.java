package io.greenwindow.cli;

import io.greenwindow.json.JsonMapping;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** What `submit --wait` prints when the job has ended: its final line, its result and its ledger entry. */
final class JobEnd {

    /** The most ledger entries of the job's team looked through for the job's own. */
    private static final int LEDGER_PAGE = 1000;

    private JobEnd() {
    }

    /** Prints the end of {@code job}; returns the exit code: 0 only for a completed job. */
    static int report(ServerClient client, JsonNode job, PrintStream out) {
        String id = job.path("id").asText();
        String state = job.path("state").asText();
        out.printf("job %s %s: %s%n", id, state, Text.reason(job));
        if (job.path("summary").isTextual()) {
            out.printf("result    %s%n", Text.safe(job.path("summary").asText()));
        }
        String ledger = ledgerLine(client, id, job.path("team").asText());
        out.println(ledger == null ? "ledger    no entry for this job (yet): see greenwindow ledger" : "ledger    " + ledger);
        return "COMPLETED".equals(state) ? 0 : 1;
    }

    /** The job's latest ledger entry in one line, or null when there is none it can read. */
    static String ledgerLine(ServerClient client, String id, String team) {
        JsonNode entries;
        try {
            entries = JsonMapping.json().readTree(client.get("/api/ledger?limit=" + LEDGER_PAGE + "&team="
                    + URLEncoder.encode(team, StandardCharsets.UTF_8)));
        } catch (IOException | CliException e) {
            return null;
        }
        JsonNode found = null;
        for (JsonNode e : entries) {
            if (id.equals(e.path("content").path("jobId").asText())) {
                found = e; // oldest first: the last one found is the latest
            }
        }
        if (found == null) {
            return null;
        }
        JsonNode c = found.path("content");
        JsonNode energy = c.path("energy");
        StringBuilder methods = new StringBuilder();
        for (JsonNode comp : energy.path("components")) {
            methods.append(methods.length() == 0 ? "" : ", ").append(comp.path("component").asText().toLowerCase(Locale.ROOT))
                    .append(' ').append(comp.path("method").asText().toLowerCase(Locale.ROOT));
        }
        JsonNode carbon = c.path("carbon");
        String grams = carbon.path("inventoryG").isNumber()
                ? String.format(Locale.ROOT, "%.2f g CO2e in %s", carbon.path("inventoryG").asDouble(),
                        carbon.path("zone").asText())
                : "carbon unknown";
        String avoided = carbon.path("avoidedG").isNumber()
                ? String.format(Locale.ROOT, ", %.2f g avoided", carbon.path("avoidedG").asDouble()) : "";
        return String.format(Locale.ROOT, "entry #%d %s: %.6f kWh at the facility (%s), %s%s",
                found.path("seq").asLong(), c.path("status").asText(), energy.path("facilityKwh").asDouble(),
                methods.length() == 0 ? "method unknown" : methods, grams, avoided);
    }
}
