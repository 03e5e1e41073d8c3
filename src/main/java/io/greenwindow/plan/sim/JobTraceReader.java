package io.greenwindow.plan.sim;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a job trace CSV with the header {@code job_id,submit_time_s,duration_s,gpus[,deadline_s][,interruptible]}
 * (columns found by name, in any order; other columns, such as the ITP trace's {@code cluster}, are ignored).
 */
public final class JobTraceReader {

    private JobTraceReader() {
    }

    public static List<SimJob> read(Path file) {
        List<String> lines = Csv.lines(file);
        List<String> header = lines.isEmpty() ? List.of() : Csv.fields(lines.get(0));
        int id = index(header, "job_id", file, true);
        int submit = index(header, "submit_time_s", file, true);
        int duration = index(header, "duration_s", file, true);
        int gpus = index(header, "gpus", file, true);
        int deadline = index(header, "deadline_s", file, false);
        int interruptible = index(header, "interruptible", file, false);
        List<SimJob> jobs = new ArrayList<>();
        for (int n = 1; n < lines.size(); n++) {
            String line = lines.get(n);
            if (line.isBlank()) {
                continue;
            }
            List<String> f = Csv.fields(line);
            if (f.size() < header.size()) {
                throw new SimulationInputException(file + ":" + (n + 1) + ":" + Csv.column(line, f.size())
                        + ": expected " + header.size() + " fields as in the header, found " + f.size());
            }
            String where = file + ":" + (n + 1) + ":";
            long s = number(f, submit, line, where, "submit_time_s");
            long d = number(f, duration, line, where, "duration_s");
            if (d <= 0) {
                throw new SimulationInputException(where + Csv.column(line, duration) + ": duration_s " + d + " must be > 0");
            }
            long g = number(f, gpus, line, where, "gpus");
            long dl = deadline < 0 || f.get(deadline).isEmpty() ? -1 : number(f, deadline, line, where, "deadline_s");
            if (dl >= 0 && dl < s + d) {
                throw new SimulationInputException(where + Csv.column(line, deadline) + ": deadline_s " + dl
                        + " is before submit_time_s + duration_s = " + (s + d));
            }
            Boolean intr = null;
            if (interruptible >= 0 && !f.get(interruptible).isEmpty()) {
                String v = f.get(interruptible).toLowerCase(Locale.ROOT);
                if (!v.equals("true") && !v.equals("false")) {
                    throw new SimulationInputException(where + Csv.column(line, interruptible) + ": interruptible '"
                            + f.get(interruptible) + "' must be true or false");
                }
                intr = Boolean.parseBoolean(v);
            }
            jobs.add(new SimJob(f.get(id), s, d, (int) Math.max(0, g), dl, intr));
        }
        return jobs;
    }

    private static int index(List<String> header, String name, Path file, boolean required) {
        int i = header.indexOf(name);
        if (i < 0 && required) {
            throw new SimulationInputException(file + ":1: missing column '" + name
                    + "'; expected job_id,submit_time_s,duration_s,gpus[,deadline_s][,interruptible]");
        }
        return i;
    }

    private static long number(List<String> f, int col, String line, String where, String name) {
        String v = f.get(col);
        try {
            return Math.round(Double.parseDouble(v));
        } catch (NumberFormatException e) {
            throw new SimulationInputException(where + Csv.column(line, col) + ": " + name + " '" + v + "' is not a number");
        }
    }
}
