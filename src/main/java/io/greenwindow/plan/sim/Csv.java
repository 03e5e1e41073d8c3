package io.greenwindow.plan.sim;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** The simulator's CSV, read and written by Jackson's CSV codec: UTF-8 (BOM dropped), CRLF or LF, double-quoted fields. */
final class Csv {

    private Csv() {
    }

    static List<String> lines(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            if (text.startsWith("\uFEFF")) {
                text = text.substring(1);
            }
            return List.of(text.split("\r?\n", -1));
        } catch (IOException e) {
            throw new SimulationInputException(file + ": cannot read: " + e.getMessage());
        } catch (java.io.UncheckedIOException e) {
            throw new SimulationInputException(file + ": cannot read as UTF-8 text: " + e.getMessage());
        }
    }

    /** Double-quoted fields with "" for a quote, read by Jackson's CSV parser; each field is trimmed. */
    private static final ObjectReader CELLS = new CsvMapper().readerFor(String[].class)
            .with(CsvParser.Feature.WRAP_AS_ARRAY);
    private static final ObjectWriter ROW = CsvMapper.builder().enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING)
            .build().writerFor(String[].class).with(CsvSchema.emptySchema().withLineSeparator("\n"));

    static List<String> fields(String line) {
        try (MappingIterator<String[]> rows = CELLS.readValues(line)) {
            if (!rows.hasNext()) {
                return List.of("");
            }
            return Arrays.stream(rows.next()).map(String::trim).toList();
        } catch (IOException e) {
            throw new SimulationInputException("not a CSV line: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    /** One line of CSV, quoting only the fields that need it (a comma, a quote, a line break). */
    static String row(String... fields) {
        try {
            return ROW.writeValueAsString(fields);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a CSV row", e);
        }
    }

    /** The 1-based column at which field {@code index} of {@code line} starts, for error messages. */
    static int column(String line, int index) {
        int col = 1;
        for (int i = 0, seen = 0; i < line.length() && seen < index; i++, col++) {
            if (line.charAt(i) == ',') {
                seen++;
            }
        }
        return col;
    }
}
