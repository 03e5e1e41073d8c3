package io.greenwindow.web;

import gg.jte.Content;
import gg.jte.TemplateOutput;
import gg.jte.html.escape.Escape;
import gg.jte.output.StringOutput;
import java.util.Locale;

/**
 * A drawn chart: SVG markup that the chart helpers wrote from numbers, with every word in it (titles, labels,
 * tooltips) escaped by the template engine's own escaper. A template places it with {@code ${chart}}.
 */
record Svg(String markup) implements Content {

    @Override
    public void writeTo(TemplateOutput output) {
        output.writeContent(markup);
    }

    @Override
    public String toString() {
        return markup;
    }

    /** {@code value} escaped for the text of an element (through the engine's escaper). */
    static String text(Object value) {
        if (value == null) {
            return "";
        }
        StringOutput out = new StringOutput();
        Escape.htmlContent(value.toString(), out);
        return out.toString();
    }

    /** {@code value} escaped for a double-quoted attribute (through the engine's escaper). */
    static String attr(Object value) {
        if (value == null) {
            return "";
        }
        StringOutput out = new StringOutput();
        Escape.htmlAttribute(value.toString(), out);
        return out.toString();
    }

    /** A coordinate with one decimal, the same in every locale. */
    static String n(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
