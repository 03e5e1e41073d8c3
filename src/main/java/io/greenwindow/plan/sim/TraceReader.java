package io.greenwindow.plan.sim;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads an intensity trace: an Electricity Maps CSV (header {@code Datetime (UTC)} and the columns
 * {@code Carbon Intensity gCO₂eq/kWh (LCA)} and {@code (direct)}) or a plain {@code time,value} CSV (times as
 * ISO-8601 instants, {@code YYYY-MM-DD HH:MM:SS} in UTC, or epoch seconds; a header row is optional). Rows are
 * put on the finest step found; a coarser row or a gap is carried forward (the value holds for its interval).
 */
public final class TraceReader {

    public enum Column { LCA, DIRECT }

    private TraceReader() {
    }

    public static Trace read(String zone, Path file, Column column) {
        List<String> lines = Csv.lines(file);
        if (lines.isEmpty() || lines.get(0).isBlank()) {
            throw new SimulationInputException(file + ":1: empty file, expected a CSV of intensities");
        }
        List<String> header = Csv.fields(lines.get(0));
        int timeCol = 0;
        int valueCol = 1;
        int first = 0;
        String source = file.getFileName().toString();
        if (header.get(0).startsWith("Datetime")) {
            String wanted = column == Column.DIRECT ? "(direct)" : "(LCA)";
            valueCol = -1;
            for (int i = 0; i < header.size(); i++) {
                String h = header.get(i).toLowerCase(Locale.ROOT);
                if (h.startsWith("carbon intensity") && h.endsWith(wanted.toLowerCase(Locale.ROOT))) {
                    valueCol = i;
                }
            }
            if (valueCol < 0) {
                throw new SimulationInputException(file + ":1: no column 'Carbon Intensity gCO₂eq/kWh " + wanted
                        + "' in this Electricity Maps header");
            }
            first = 1;
            source = "Electricity Maps (" + source + ", " + column.name().toLowerCase(Locale.ROOT) + ")";
        } else if (parseTime(header.get(0)) == null) {
            first = 1; // a header such as "time,value" or "Time,Carbon Intensity"
        }
        List<long[]> times = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (int n = first; n < lines.size(); n++) {
            String line = lines.get(n);
            if (line.isBlank()) {
                continue;
            }
            List<String> f = Csv.fields(line);
            String where = file + ":" + (n + 1) + ":";
            if (f.size() <= Math.max(timeCol, valueCol)) {
                throw new SimulationInputException(where + Csv.column(line, f.size()) + ": expected at least "
                        + (Math.max(timeCol, valueCol) + 1) + " fields, found " + f.size());
            }
            Instant t = parseTime(f.get(timeCol));
            if (t == null) {
                throw new SimulationInputException(where + "1: '" + f.get(timeCol)
                        + "' is not a time (ISO-8601 instant, 'YYYY-MM-DD HH:MM:SS' UTC, or epoch seconds)");
            }
            double v;
            try {
                v = Double.parseDouble(f.get(valueCol));
            } catch (NumberFormatException e) {
                v = Double.NaN;
            }
            if (!Double.isFinite(v) || v < 0) {
                throw new SimulationInputException(where + Csv.column(line, valueCol) + ": intensity '" + f.get(valueCol)
                        + "' must be a number >= 0");
            }
            if (!times.isEmpty() && t.getEpochSecond() <= times.get(times.size() - 1)[0]) {
                throw new SimulationInputException(where + "1: time " + t + " is not after the previous row's");
            }
            times.add(new long[] {t.getEpochSecond()});
            values.add(v);
        }
        if (times.isEmpty()) {
            throw new SimulationInputException(file + ": no data rows");
        }
        return resample(zone, source, times, values);
    }

    private static Trace resample(String zone, String source, List<long[]> times, List<Double> values) {
        long step = Long.MAX_VALUE;
        for (int i = 1; i < times.size(); i++) {
            step = Math.min(step, times.get(i)[0] - times.get(i - 1)[0]);
        }
        if (step == Long.MAX_VALUE) {
            step = 3600; // a single row: assume hourly, the commonest step of published traces
        }
        long start = times.get(0)[0];
        long last = times.get(times.size() - 1)[0];
        int n = (int) ((last - start) / step) + 1;
        double[] out = new double[n];
        int filled = 0;
        int row = 0;
        for (int k = 0; k < n; k++) {
            long t = start + k * step;
            while (row + 1 < times.size() && times.get(row + 1)[0] <= t) {
                row++;
            }
            if (times.get(row)[0] != t) {
                filled++;
            }
            out[k] = values.get(row);
        }
        return new Trace(zone, source, start, step, out, filled);
    }

    static Instant parseTime(String s) {
        String text = s.trim();
        try {
            if (text.matches("\\d{9,11}")) {
                return Instant.ofEpochSecond(Long.parseLong(text));
            }
            if (text.matches("\\d{4}-\\d{2}-\\d{2}[ T]\\d{2}:\\d{2}(:\\d{2})?")) {
                String iso = text.replace(' ', 'T');
                return LocalDateTime.parse(iso.length() == 16 ? iso + ":00" : iso).toInstant(ZoneOffset.UTC);
            }
            if (text.matches("\\d{4}-\\d{2}-\\d{2}[ T].*")) {
                return java.time.OffsetDateTime.parse(text.replace(' ', 'T')).toInstant();
            }
        } catch (DateTimeParseException | NumberFormatException e) {
            return null;
        }
        return null;
    }
}
