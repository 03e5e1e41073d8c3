package io.greenwindow.web;

import static io.greenwindow.web.DashboardJobs.forecast;
import static io.greenwindow.web.DashboardJobs.hold;
import static io.greenwindow.web.DashboardJobs.job;
import static io.greenwindow.web.DashboardJobs.segment;

import io.greenwindow.job.Job;
import io.greenwindow.job.JobState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Not a test: writes the jobs dashboard with one held, one running, one completed and one failed job over a real
 * replayed DE forecast with a windy-night valley, to look at it as an ML engineer would. After
 * {@code mvn -o -q test-compile dependency:build-classpath -Dmdep.outputFile=cp.txt}:
 * {@code java -cp target/classes:target/test-classes:$(cat cp.txt) io.greenwindow.web.JobsPagePreview /tmp/jobs.html}.
 */
public final class JobsPagePreview {

    private static final Instant NOW = Instant.parse("2026-11-29T14:20:00Z");

    /** Electricity Maps DE, LCA, hourly from 2023-11-12 14:00 UTC: wind picks up on the second night. */
    private static final double[] DE = {525, 525, 518, 514, 524, 517, 519, 512, 505, 505, 486, 476, 473, 468, 482, 472,
        460, 453, 438, 423, 412, 392, 369, 339, 314, 297, 293, 297, 290, 255, 216, 203, 185, 177, 177, 181, 187, 191,
        182, 192, 239, 246, 235, 234, 228, 230, 243, 260, 281, 306};

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "/tmp/jobs.html");
        Job held = job("7f3a9c21d0e4", "resnet50-finetune", "vision", JobState.HELD,
                "held until Mon 22:00 UTC: forecast 186 g/kWh vs 518 now, expected saving 64%", at("2026-11-29T14:12"),
                at("2026-12-01T08:00"), "DE", at("2026-11-30T22:00"), null);
        Job running = job("0db3d2130dfc", "char-lstm", "research", JobState.RUNNING,
                "released at 14:05 UTC: planned to run at once in DE (deadline 15:30 UTC leaves no room to shift a 45m job)",
                at("2026-11-29T14:04"), at("2026-11-29T15:30"), "DE", at("2026-11-29T14:05"), null);
        Job completed = job("221e6143d3d3", "iris-classifier", "research", JobState.COMPLETED,
                "completed at 06:41 UTC after 1 segment(s): 5 epochs, final loss 0.0912", at("2026-11-28T22:30"),
                at("2026-11-29T09:00"), "DE", at("2026-11-29T03:00"),
                "5 epochs, 150 examples/epoch, final loss 0.0912, 410 examples/s, backend CPU; 0.021 kWh, 6.3 g CO2e");
        Job failed = job("9b1e44f07a2c", "vit-small-cifar10", "vision", JobState.FAILED,
                "failed at 11:42 UTC: the training process exited with code 137 (killed, likely out of memory)",
                at("2026-11-29T08:15"), at("2026-11-29T20:00"), "DE", at("2026-11-29T10:00"),
                "stopped in epoch 3 of 20; checkpoint of epoch 2 kept");
        String html = JobsPage.render(List.of(held, running, completed, failed),
                Map.of(held.id(), hold(held, NOW, segment("DE", at("2026-11-30T22:00"), at("2026-12-01T02:00")))),
                Map.of("DE", forecast("DE", "replay", at("2026-11-29T14:00"), DE)), NOW);
        Files.writeString(out, html);
        System.out.println("wrote " + out);
    }

    private static Instant at(String minute) {
        return Instant.parse(minute + ":00Z");
    }
}
