package io.greenwindow.plan.sim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The little CSV the simulator's inputs need: UTF-8 (BOM dropped), CRLF or LF, double-quoted fields. */
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

    static List<String> fields(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    field.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                out.add(field.toString().trim());
                field.setLength(0);
            } else {
                field.append(ch);
            }
        }
        out.add(field.toString().trim());
        return out;
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
