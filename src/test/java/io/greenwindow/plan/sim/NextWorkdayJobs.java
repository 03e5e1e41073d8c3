package io.greenwindow.plan.sim;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The ML-training scenario of Let's Wait Awhile (Wiesner et al., Middleware '21, scenario II), rebuilt from its
 * description so that our planner can be compared with the published figures on the same traces: 3,387 jobs
 * submitted on the workdays of 2020 between 09:00 and 17:00 (half-hour steps), lasting 4 h to 90 h (half-hour
 * steps, uniform), each due by the start of the next workday (09:00) when it would otherwise finish outside
 * working hours, else at its run-at-once finish. Our random draws are not theirs (seeded java.util.Random), so the
 * job set has the same distribution, not the same jobs. Times are UTC, as in their traces.
 */
public final class NextWorkdayJobs {

    public static final int JOBS = 3387;

    private NextWorkdayJobs() {
    }

    /** Jobs in seconds from {@code anchor} (use 2020-01-01T00:00:00Z). */
    public static List<SimJob> generate(Instant anchor, long seed) {
        Random random = new Random(seed);
        List<LocalDate> workdays = new ArrayList<>();
        for (LocalDate d = LocalDate.of(2020, 1, 1); d.getYear() == 2020; d = d.plusDays(1)) {
            if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
                workdays.add(d);
            }
        }
        List<SimJob> jobs = new ArrayList<>();
        for (int i = 0; i < JOBS; i++) {
            LocalDate day = workdays.get(random.nextInt(workdays.size()));
            LocalDateTime submit = day.atTime(9, 0).plusMinutes(30L * random.nextInt(16));
            long duration = 4 * 3600 + 1800L * random.nextInt(172); // 4 h .. 89.5 h
            LocalDateTime finish = submit.plusSeconds(duration);
            LocalDateTime due = nextWorkdayMorning(finish);
            long s = submit.toInstant(ZoneOffset.UTC).getEpochSecond() - anchor.getEpochSecond();
            long dl = due.toInstant(ZoneOffset.UTC).getEpochSecond() - anchor.getEpochSecond();
            jobs.add(new SimJob("lwa-" + i, s, duration, 1, dl, null));
        }
        return jobs;
    }

    /** A finish inside working hours (Mon-Fri 09:00-17:00) stays; otherwise the next workday 09:00. */
    static LocalDateTime nextWorkdayMorning(LocalDateTime finish) {
        DayOfWeek d = finish.getDayOfWeek();
        double hour = finish.getHour() + finish.getMinute() / 60.0;
        boolean weekend = d == DayOfWeek.SATURDAY || d == DayOfWeek.SUNDAY;
        if (!weekend && hour >= 9 && hour <= 17) {
            return finish;
        }
        LocalDate day = finish.toLocalDate();
        if (!weekend && hour < 9) {
            return day.atTime(9, 0);
        }
        do {
            day = day.plusDays(1);
        } while (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY);
        return day.atTime(9, 0);
    }
}
