package io.greenwindow.grid.replay;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads an offline trace from CSV: the Electricity Maps data-portal export (UTF-8 header naming the direct and LCA
 * columns, CRLF line ends) or a plain {@code time,value} file whose header row is optional. Times are UTC interval
 * starts: {@code 2023-01-01 00:00:00}, ISO-8601, or epoch seconds. A bad row is refused naming
 * {@code file:line:column}. The step is fixed unless the caller asks for {@link Gaps#CARRY_FORWARD}.
 */
public final class TraceCsv {

    /** Which Electricity Maps column to read: life-cycle (the API's default) or direct emissions. */
    public enum Column { LCA, DIRECT }

    /** What a gap or a change of step means. */
    public enum Gaps {
        /** Refused: the replay adapter lays the trace onto the present and needs one step throughout. */
        REFUSE,
        /**
         * Rows are put on the finest step found; a gap or a coarser row holds its value until the next row. Published
         * research traces (Let's Wait Awhile's 2020 GB and DE series) change step mid-year.
         */
        CARRY_FORWARD
    }

    private static final Duration DEFAULT_STEP = Duration.ofHours(1); // one row: the commonest step of published traces

    private TraceCsv() {
    }

    /** Reads {@code file} on a fixed step; errors name the file as given. */
    public static Trace read(Path file, Column column) throws IOException {
        return read(file, column, Gaps.REFUSE);
    }

    public static Trace read(Path file, Column column, Gaps gaps) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(file.toString(), in, column, gaps);
        }
    }

    /** Reads a trace on a fixed step from {@code in}; {@code name} heads every error message. */
    public static Trace read(String name, InputStream in, Column column) throws IOException {
        return read(name, in, column, Gaps.REFUSE);
    }

    public static Trace read(String name, InputStream in, Column column, Gaps gaps) throws IOException {
        // Malformed UTF-8 is an error, not silently replaced.
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()));
        String header = reader.readLine();
        if (header == null || header.isBlank()) {
            throw new IllegalArgumentException(name + ":1: empty file, expected a CSV of intensities");
        }
        header = stripBom(header);
        String[] names = split(header, name + ":1: ");
        int valueCol;
        String source = fileName(name);
        List<Row> rows = new ArrayList<>();
        if (parseTime(names[0]) != null) {
            valueCol = 1;
            rows.add(row(name, 1, header, valueCol, null));
        } else {
            valueCol = valueColumn(name, names, column);
            if (valueCol > 1 || names[0].startsWith("Datetime")) {
                source = "Electricity Maps (" + source + ", " + column.name().toLowerCase(Locale.ROOT) + ")";
            }
        }
        String line;
        int lineNo = 1;
        while ((line = reader.readLine()) != null) {
            lineNo++;
            if (!line.isBlank()) {
                rows.add(row(name, lineNo, line, valueCol, rows.isEmpty() ? null : rows.get(rows.size() - 1)));
            }
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(name + ": no data rows");
        }
        return gaps == Gaps.REFUSE ? fixedStep(name, source, rows) : finestStep(name, source, rows);
    }

    private record Row(int lineNo, Instant time, double value) {
    }

    private static Row row(String name, int lineNo, String line, int valueCol, Row previous) {
        String where = name + ":" + lineNo + ":";
        String[] cells = split(line, where + " ");
        if (cells.length <= valueCol) {
            throw new IllegalArgumentException(where + column(line, cells.length) + ": expected at least "
                    + (valueCol + 1) + " fields, found " + cells.length);
        }
        Instant t = parseTime(cells[0]);
        if (t == null) {
            throw new IllegalArgumentException(where + "1: '" + cells[0]
                    + "' is not a time (ISO-8601 instant, 'YYYY-MM-DD HH:MM:SS' UTC, or epoch seconds)");
        }
        double v;
        try {
            v = Double.parseDouble(cells[valueCol]);
        } catch (NumberFormatException e) {
            v = Double.NaN;
        }
        if (!Double.isFinite(v) || v < 0) {
            throw new IllegalArgumentException(where + column(line, valueCol) + ": intensity '" + cells[valueCol]
                    + "' must be a number >= 0");
        }
        if (previous != null && !t.isAfter(previous.time())) {
            throw new IllegalArgumentException(where + "1: time " + t + " is not after the previous row's");
        }
        return new Row(lineNo, t, v);
    }

    private static Trace fixedStep(String name, String source, List<Row> rows) {
        Duration step = rows.size() < 2 ? DEFAULT_STEP : Duration.between(rows.get(0).time(), rows.get(1).time());
        double[] values = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            if (i > 0) {
                Duration gap = Duration.between(rows.get(i - 1).time(), r.time());
                if (!gap.equals(step)) {
                    throw new IllegalArgumentException(name + ":" + r.lineNo() + ":1: time " + r.time() + " is " + gap
                            + " after the previous row; the trace must have a fixed step of " + step);
                }
            }
            values[i] = r.value();
        }
        return new Trace(name, source, rows.get(0).time(), step, values, 0);
    }

    private static Trace finestStep(String name, String source, List<Row> rows) {
        Duration step = null;
        for (int i = 1; i < rows.size(); i++) {
            Duration gap = Duration.between(rows.get(i - 1).time(), rows.get(i).time());
            step = step == null || gap.compareTo(step) < 0 ? gap : step;
        }
        step = step == null ? DEFAULT_STEP : step;
        Instant start = rows.get(0).time();
        int n = (int) (Duration.between(start, rows.get(rows.size() - 1).time()).toSeconds() / step.toSeconds()) + 1;
        double[] values = new double[n];
        int filled = 0;
        int row = 0;
        for (int k = 0; k < n; k++) {
            Instant t = start.plus(step.multipliedBy(k));
            while (row + 1 < rows.size() && !rows.get(row + 1).time().isAfter(t)) {
                row++;
            }
            if (!rows.get(row).time().equals(t)) {
                filled++;
            }
            values[k] = rows.get(row).value();
        }
        return new Trace(name, source, start, step, values, filled);
    }

    private static int valueColumn(String name, String[] names, Column column) {
        String wanted = column == Column.LCA ? "(lca)" : "(direct)";
        for (int i = 0; i < names.length; i++) {
            String n = names[i].toLowerCase(Locale.ROOT);
            if (n.startsWith("carbon intensity") && n.endsWith(wanted)) {
                return i;
            }
        }
        // An Electricity Maps export without the wanted column is refused, whatever its width.
        if (names.length == 2 && !names[0].startsWith("Datetime")) {
            return 1;
        }
        throw new IllegalArgumentException(name + ":1: header has no 'Carbon Intensity gCO₂eq/kWh " + wanted
                + "' column and is not a plain time,value file");
    }

    /** Null when {@code cell} is no time, so that a first row can tell a header from data. */
    static Instant parseTime(String cell) {
        String s = cell.trim();
        try {
            if (s.matches("\\d{9,11}")) {
                return Instant.ofEpochSecond(Long.parseLong(s));
            }
            if (!s.matches("\\d{4}-\\d{2}-\\d{2}[ T]\\d{2}:\\d{2}.*")) {
                return null;
            }
            String iso = s.replace(' ', 'T');
            return iso.endsWith("Z") || iso.matches(".*[+-]\\d\\d:\\d\\d$")
                    ? OffsetDateTime.parse(iso).toInstant()
                    : LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException | NumberFormatException e) {
            return null;
        }
    }

    /** Cells as Jackson's CSV parser reads them (quoted cells too); a trailing CR (CRLF files) goes with the trim. */
    private static final ObjectReader CELLS = new CsvMapper().readerFor(String[].class)
            .with(CsvParser.Feature.WRAP_AS_ARRAY);

    private static String[] split(String line, String where) {
        try (MappingIterator<String[]> rows = CELLS.readValues(line.strip())) {
            String[] cells = rows.hasNext() ? rows.next() : new String[] {""};
            for (int i = 0; i < cells.length; i++) {
                cells[i] = cells[i].trim();
            }
            return cells;
        } catch (IOException e) {
            throw new IllegalArgumentException(where + "not a CSV line: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    /** The 1-based column at which cell {@code index} of {@code line} starts, for error messages. */
    private static int column(String line, int index) {
        int col = 1;
        for (int i = 0, seen = 0; i < line.length() && seen < index; i++, col++) {
            if (line.charAt(i) == ',') {
                seen++;
            }
        }
        return col;
    }

    private static String fileName(String name) {
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        return name.substring(slash + 1);
    }

    private static String stripBom(String s) {
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }
}
