package io.greenwindow.web;

import static io.greenwindow.web.DashboardJobs.forecast;
import static io.greenwindow.web.DashboardJobs.hold;
import static io.greenwindow.web.DashboardJobs.job;
import static io.greenwindow.web.DashboardJobs.segment;
import static org.assertj.core.api.Assertions.assertThat;

import io.greenwindow.grid.ForecastResult;
import io.greenwindow.job.Job;
import io.greenwindow.job.JobState;
import io.greenwindow.job.StoredPlan;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JobsPageTest {

    // Half past an hour, so that the chart's axis starts at 12:00 and "now" is not on the y axis.
    private static final Instant NOW = Instant.parse("2026-11-29T12:30:00Z");
    private static final Instant HOUR_START = Instant.parse("2026-11-29T12:00:00Z");

    private static Instant at(String hhmm) {
        return Instant.parse("2026-11-29T" + hhmm + ":00Z");
    }

    private static double[] flat(int hours, double g) {
        double[] v = new double[hours];
        Arrays.fill(v, g);
        return v;
    }

    private final Job held = job("a1", "resnet-finetune", "vision", JobState.HELD,
            "held until 22:00 UTC: forecast 180 g/kWh vs 420 now, expected saving 57%", at("09:00"),
            Instant.parse("2026-11-30T08:00:00Z"), "DE", at("22:00"), null);
    private final Job running = job("b2", "char-lstm", "research", JobState.RUNNING,
            "released at 11:00 UTC: planned to run at once in FR", at("10:00"), at("18:00"), "FR", at("11:00"), null);
    private final Job done = job("c3", "iris-classifier", "research", JobState.COMPLETED,
            "completed at 08:00 UTC after 1 segment(s)", at("07:00"), at("20:00"), "DE", at("07:30"),
            "5 epochs, final loss 0.12, backend CPU");

    private Map<String, StoredPlan> plans() {
        return Map.of(held.id(), hold(held, NOW, segment("DE", at("22:00"), Instant.parse("2026-11-30T02:00:00Z"))));
    }

    private Map<String, ForecastResult> forecasts(ForecastResult de, ForecastResult fr) {
        Map<String, ForecastResult> forecasts = new LinkedHashMap<>();
        forecasts.put("DE", de);
        forecasts.put("FR", fr);
        return forecasts;
    }

    private String page() {
        return JobsPage.render(List.of(done, held, running), plans(),
                forecasts(forecast("DE", "replay-electricitymaps", HOUR_START, flat(49, 400)),
                        forecast("FR", "electricitymaps", HOUR_START, flat(49, 50))), NOW);
    }

    @Test
    void render_listsJobsNewestFirst_withTheirReasonsAndLinks() {
        String html = page();

        assertThat(html).contains("held until 22:00 UTC: forecast 180 g/kWh vs 420 now, expected saving 57%",
                "released at 11:00 UTC: planned to run at once in FR", "5 epochs, final loss 0.12, backend CPU",
                "<a href=\"/api/jobs/a1\">a1</a>", "<span class=\"state held\">HELD</span>", "Sun 29 Nov 22:00");
        int table = html.indexOf("<table");
        // Submitted at 10:00, 09:00 and 07:00.
        assertThat(html.indexOf("char-lstm", table)).isLessThan(html.indexOf("resnet-finetune", table));
        assertThat(html.indexOf("resnet-finetune", table)).isLessThan(html.indexOf("iris-classifier", table));
        assertThat(html).doesNotContain("<script").contains("<meta http-equiv=\"refresh\" content=\"30\">");
    }

    @Test
    void render_whenNameAndReasonHoldMarkup_escapesThemEverywhere() {
        Job evil = job("e5", "<script>alert(1)</script>", "red & blue", JobState.HELD,
                "held because <b>\"why\"</b>", at("11:00"), at("23:00"), "DE", at("20:00"), null);
        Map<String, StoredPlan> plans = Map.of(evil.id(), hold(evil, NOW, segment("DE", at("20:00"), at("21:00"))));

        String html = JobsPage.render(List.of(evil), plans,
                Map.of("DE", forecast("DE", "replay-electricitymaps", HOUR_START, flat(49, 300))), NOW);

        assertThat(html).doesNotContain("<script", "<b>");
        assertThat(html).contains("<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>", "red &amp; blue",
                "held because &lt;b&gt;\"why\"&lt;/b&gt;");
        // The chart's label and tooltip carry the name too, escaped.
        assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;: planned Sun 20:00 to Sun 21:00 UTC");
    }

    @Test
    void render_heldJobsPlannedSegment_isShadedOnItsZonesChartAtItsHours() {
        String html = page();

        // Axis from 12:00 over 888 px (960 - 60 left - 12 right) for 48 h: 18.5 px an hour.
        // 22:00 is 10 h in: x = 60 + 10 * 18.5 = 245; 22:00 to 02:00 is 4 h: 74 px wide.
        String rect = "<rect class=\"planned\" x=\"245.0\" y=\"34\" width=\"74.0\"";
        String de = section(html, "Zone DE");
        assertThat(de).contains(rect, ">resnet-finetune</text>");
        assertThat(section(html, "Zone FR")).doesNotContain("class=\"planned\"");
        // Its deadline, Mon 08:00, is 20 h in: x = 60 + 20 * 18.5 = 430. The now line at 12:30: 60 + 9.25.
        assertThat(de).contains("<line class=\"deadline\" x1=\"430.0\"", "<line class=\"now\" x1=\"69.3\"");
    }

    @Test
    void render_whenForecastUnavailable_printsItsReasonInsteadOfAChart() {
        String html = JobsPage.render(List.of(held), plans(), Map.of("DE",
                new ForecastResult.Unavailable("DE", "every provider failed: replay has no trace for DE")), NOW);

        assertThat(section(html, "Zone DE")).contains("every provider failed: replay has no trace for DE")
                .doesNotContain("<svg");
    }

    @Test
    void render_attributesElectricityMapsOnlyUnderReplayedData() {
        String html = page();

        assertThat(section(html, "Zone DE")).contains("<p class=\"attribution\">Carbon-intensity data: Electricity Maps (ODbL)</p>");
        assertThat(section(html, "Zone FR")).doesNotContain("ODbL");
    }

    @Test
    void render_whenNoJobs_saysHowToSubmitOne() {
        assertThat(JobsPage.render(List.of(), Map.of(), Map.of(), NOW)).contains("No jobs yet");
    }

    @Test
    void chartZones_areTheZonesOfHeldAndRunningJobs_elseTheServicesZones_atMostFour() {
        assertThat(JobsPage.chartZones(List.of(done, held, running), plans(), Set.of("GB"))).containsExactly("DE", "FR");
        assertThat(JobsPage.chartZones(List.of(done), Map.of(), List.of("DE", "FR", "GB", "NL", "PL")))
                .containsExactly("DE", "FR", "GB", "NL");
    }

    @Test
    void chart_whenForecastStartsBeforeTheAxis_clipsItAndScalesToRoundTicks() {
        String svg = ForecastChart.render("DE", ((ForecastResult.Forecast) forecast("DE", "x",
                HOUR_START.minus(Duration.ofHours(3)), 500, 480, 460, 340, 120)).signal(), NOW, List.of(), List.of()).markup();

        // Max in view 340 gives ticks 0, 100, ... 400 over 192 px from y 226: 340 at 226 - 163.2 = 62.8, 120 at
        // 226 - 57.6 = 168.4. The first step is clipped to start at the axis, 12:00.
        assertThat(svg).contains(">400</text>", "d=\"M60.0 62.8H78.5L78.5 168.4H97.0\"").doesNotContain(">500</text>");
    }

    private static String section(String html, String heading) {
        int start = html.indexOf("<h2>" + heading);
        assertThat(start).as(heading).isNotNegative();
        return html.substring(start, html.indexOf("</section>", start));
    }
}
