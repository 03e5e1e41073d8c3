package io.greenwindow.grid.replay;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads an offline trace from CSV: the Electricity Maps data-portal export (UTF-8 header naming the direct and LCA
 * columns, CRLF line ends) or a plain {@code time,value} file. Times are UTC interval starts, either
 * {@code 2023-01-01 00:00:00} or ISO-8601. The step must be fixed; a gap or a bad value is refused with its line.
 */
public final class TraceCsv {

    /** Which Electricity Maps column to read: life-cycle (the API's default) or direct emissions. */
    public enum Column { LCA, DIRECT }

    private static final DateTimeFormatter SPACED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm[:ss]", Locale.ROOT);

    private TraceCsv() {
    }

    public static Trace read(String name, InputStream in, Column column) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String header = reader.readLine();
        if (header == null) {
            throw new IllegalArgumentException(name + ": file is empty");
        }
        String[] names = split(stripBom(header));
        int timeCol = 0;
        int valueCol = valueColumn(name, names, column);
        List<Double> values = new ArrayList<>();
        Instant first = null;
        Instant previous = null;
        Duration step = null;
        String line;
        int lineNo = 1;
        while ((line = reader.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            String[] cells = split(line);
            if (cells.length <= valueCol) {
                throw new IllegalArgumentException(name + " line " + lineNo + ": expected at least " + (valueCol + 1)
                        + " columns, found " + cells.length);
            }
            Instant t = time(name, lineNo, cells[timeCol]);
            double v = value(name, lineNo, cells[valueCol]);
            if (previous != null) {
                Duration gap = Duration.between(previous, t);
                if (step == null) {
                    if (gap.isNegative() || gap.isZero()) {
                        throw new IllegalArgumentException(name + " line " + lineNo + ": time " + t + " does not follow " + previous);
                    }
                    step = gap;
                } else if (!gap.equals(step)) {
                    throw new IllegalArgumentException(name + " line " + lineNo + ": time " + t + " is " + gap
                            + " after the previous row; the trace must have a fixed step of " + step);
                }
            } else {
                first = t;
            }
            previous = t;
            values.add(v);
        }
        if (first == null) {
            throw new IllegalArgumentException(name + ": no data rows");
        }
        return new Trace(name, first, step == null ? Duration.ofHours(1) : step,
                values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static int valueColumn(String name, String[] names, Column column) {
        if (names.length == 2) {
            return 1;
        }
        String wanted = column == Column.LCA ? "(lca)" : "(direct)";
        for (int i = 0; i < names.length; i++) {
            String n = names[i].toLowerCase(Locale.ROOT);
            if (n.startsWith("carbon intensity") && n.endsWith(wanted)) {
                return i;
            }
        }
        throw new IllegalArgumentException(name + ": header has no 'Carbon Intensity gCO₂eq/kWh " + wanted
                + "' column and is not a plain time,value file");
    }

    private static Instant time(String name, int lineNo, String cell) {
        String s = cell.trim();
        try {
            if (s.contains("T")) {
                return s.endsWith("Z") || s.matches(".*[+-]\\d\\d:\\d\\d$")
                        ? OffsetDateTime.parse(s).toInstant()
                        : LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
            }
            return LocalDateTime.parse(s, SPACED).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " line " + lineNo + ": time '" + s
                    + "' is neither 'YYYY-MM-DD HH:MM:SS' nor ISO-8601");
        }
    }

    private static double value(String name, int lineNo, String cell) {
        try {
            double v = Double.parseDouble(cell.trim());
            if (Double.isFinite(v) && v >= 0) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // reported below with the line
        }
        throw new IllegalArgumentException(name + " line " + lineNo + ": intensity '" + cell.trim()
                + "' must be a number >= 0 (g/kWh)");
    }

    /** The export has no quoted cells; a trailing CR (CRLF files) is dropped with the whitespace. */
    private static String[] split(String line) {
        return line.strip().split(",", -1);
    }

    private static String stripBom(String s) {
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }
}
