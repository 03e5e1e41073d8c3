package io.greenwindow.web;

import static io.greenwindow.web.DashboardJobs.job;
import static org.assertj.core.api.Assertions.assertThat;

import io.greenwindow.access.Actor;
import io.greenwindow.access.Role;
import io.greenwindow.job.Job;
import io.greenwindow.job.JobState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The dashboard shows each role what it may see and offers only the cancels it may make. */
class JobsPageRolesTest {

    private static final Instant NOW = Instant.parse("2026-11-29T12:30:00Z");

    private static Instant at(String hhmm) {
        return Instant.parse("2026-11-29T" + hhmm + ":00Z");
    }

    private final Job visionHeld = job("a1", "resnet", "vision", JobState.HELD, "held", at("09:00"), at("23:00"), "DE",
            at("22:00"), null);
    private final Job researchRunning = job("b2", "lstm", "research", JobState.RUNNING, "released", at("10:00"),
            at("18:00"), "DE", at("11:00"), null);
    private final Job visionDone = job("c3", "iris", "vision", JobState.COMPLETED, "completed", at("07:00"), at("20:00"),
            "DE", at("07:30"), "done");
    private final List<Job> all = List.of(visionHeld, researchRunning, visionDone);

    private static List<String> cancellable(String page) {
        Matcher m = Pattern.compile("action=\"/jobs/([a-z0-9]+)/cancel\"").matcher(page);
        List<String> ids = new java.util.ArrayList<>();
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    private String page(JobsPage.Viewer viewer) {
        return JobsPage.render(all, Map.of(), Map.of(), NOW, viewer);
    }

    @Test
    void admin_mayCancelEveryUnfinishedJob_andEachFormCarriesTheSessionsCsrfSecret() {
        String page = page(new JobsPage.Viewer(new Actor("root", Role.ADMIN, Set.of()), "s3cret"));

        assertThat(cancellable(page)).containsExactlyInAnyOrder("a1", "b2");
        assertThat(page.split("name=\"csrf\" value=\"s3cret\"", -1)).hasSize(2 + 1 + 1); // two cancels, one sign-out
        assertThat(page).contains("Signed in as <b>root</b> (admin)");
    }

    @Test
    void engineer_mayCancelOnlyItsTeamsJobs_andSeesOnlyThem() {
        JobsPage.Viewer ella = new JobsPage.Viewer(new Actor("ella", Role.ENGINEER, Set.of("vision")), "x");

        assertThat(cancellable(page(ella))).containsExactly("a1");
        assertThat(all.stream().filter(ella::sees).map(Job::id)).containsExactly("a1", "c3");
    }

    @Test
    void sustainability_seesEveryJob_butIsOfferedNoCancel() {
        JobsPage.Viewer sue = new JobsPage.Viewer(new Actor("sue", Role.SUSTAINABILITY, Set.of()), "x");

        assertThat(cancellable(page(sue))).isEmpty();
        assertThat(all.stream().filter(sue::sees)).hasSize(3);
    }

    @Test
    void bearerTokenWithoutSession_getsNoForms() {
        String page = page(new JobsPage.Viewer(new Actor("root", Role.ADMIN, Set.of()), null));

        assertThat(cancellable(page)).isEmpty(); // a form without a CSRF secret would only be refused
    }
}
