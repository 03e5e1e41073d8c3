package io.greenwindow.web;

import io.greenwindow.ledger.Quantities;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/**
 * The pages' one chart helper: small inline SVG charts (no script, no CDN, readable when printed) and the parts
 * every chart shares (the frame, value axis, legend, text, tooltips), with every word escaped by the template
 * engine's escaper ({@link Svg}). Colours are paired with legends and titles. Charts over time add {@link TimeAxis}.
 */
final class SvgCharts {

    static final String MEASURED = "#1b7f3b";
    static final String ESTIMATED = "#b7c9a8";
    static final String INVENTORY = "#5a5a5a";
    static final String AVOIDED = "#2a9d8f";
    static final String INFERENCE = "#c0392b";
    static final String LINE = "#33443a";

    private static final int TICKS = 4;

    private SvgCharts() {
    }

    /**
     * Vertical bars per label, each stacked from two series (for example measured under estimated energy), with a
     * y axis of round ticks in {@code unit} and the x axis titled {@code xTitle}. A blank {@code upperName} draws
     * one series. Values are already in {@code unit}.
     */
    static Svg stackedBars(String title, List<String> labels, double[] lower, double[] upper, String lowerName,
            String upperName, String unit, String xTitle, String lowerColour, String upperColour) {
        int width = 720, height = 250, left = 64, right = 10, bottom = 46, top = 34;
        double max = 0;
        for (int i = 0; i < labels.size(); i++) {
            max = Math.max(max, lower[i] + upper[i]);
        }
        double base = height - bottom;
        StringBuilder svg = open("bars", title, width, height);
        double scale = valueAxis(svg, max, unit, left, width - right, top, base);
        double slot = (double) (width - left - right) / Math.max(1, labels.size());
        int every = slot >= 16 ? 1 : 5;
        for (int i = 0; i < labels.size(); i++) {
            double x = left + i * slot + slot * 0.15;
            double w = slot * 0.7;
            double h1 = visible(lower[i] * scale, lower[i]);
            double h2 = visible(upper[i] * scale, upper[i]);
            rect(svg, "", x, base - h1, w, h1, lowerColour, labels.get(i) + ": " + num(lower[i]) + " " + unit + " " + lowerName);
            if (!upperName.isBlank()) {
                rect(svg, "", x, base - h1 - h2, w, h2, upperColour, labels.get(i) + ": " + num(upper[i]) + " " + unit + " " + upperName);
            }
            if (i % every == 0 || i == labels.size() - 1) {
                svg.append(text(x + w / 2, base + 12, 9, "normal", "middle", "#000", labels.get(i)));
            }
        }
        svg.append(text(left + (width - left - right) / 2.0, height - 8, 11, "normal", "middle", "#000", xTitle));
        legend(svg, left + 40, 14, lowerColour, lowerName);
        if (!upperName.isBlank()) {
            legend(svg, left + 260, 14, upperColour, upperName);
        }
        return close(svg);
    }

    /**
     * Horizontal bars on one linear scale, one row per item with up to three series, each with its value written
     * out by {@code format} (values may span orders of magnitude, so a tiny bar still reads). A NaN value is
     * written as its {@code missing} text ("not known yet", "no projection").
     */
    static Svg groupedBars(String title, List<String> items, List<double[]> values, List<String[]> missing,
            List<String> seriesNames, List<String> colours, DoubleFunction<String> format) {
        int rowHeight = 16 * seriesNames.size() + 14;
        int width = 760, left = 230, top = 34;
        int height = top + rowHeight * Math.max(1, items.size()) + 6;
        double max = 0;
        for (double[] v : values) {
            for (double d : v) {
                max = Math.max(max, Double.isNaN(d) ? 0 : d);
            }
        }
        double scale = max > 0 ? (width - left - 110) / max : 0;
        StringBuilder svg = open("bars", title, width, height);
        for (int s = 0; s < seriesNames.size(); s++) {
            legend(svg, left + s * 170, 14, colours.get(s), seriesNames.get(s));
        }
        for (int i = 0; i < items.size(); i++) {
            int y = top + i * rowHeight;
            String name = items.get(i).length() > 33 ? items.get(i).substring(0, 32) + "…" : items.get(i);
            svg.append(text(4, y + 14, 11, "bold", "start", "#000", name));
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#999\"/>",
                    left, y - 2, left, y + 16 * seriesNames.size()));
            for (int s = 0; s < seriesNames.size(); s++) {
                double v = values.get(i)[s];
                int by = y + s * 16;
                if (Double.isNaN(v)) {
                    svg.append(text(left + 4, by + 11, 10, "normal", "start", "#000", seriesNames.get(s) + ": " + missing.get(i)[s]));
                    continue;
                }
                double w = visible(Math.max(v * scale, 0), v);
                rect(svg, "", left, by, w, 13, colours.get(s), items.get(i) + ", " + seriesNames.get(s) + ": " + format.apply(v));
                svg.append(text(left + w + 4, by + 11, 10, "normal", "start", "#000", format.apply(v)));
            }
        }
        return close(svg);
    }

    /** Round ticks from 0 to at least {@code max}: steps of 1, 2 or 5 times a power of ten. */
    static List<Double> ticks(double max) {
        List<Double> ticks = new ArrayList<>();
        if (!(max > 0) || !Double.isFinite(max)) {
            ticks.add(0.0);
            ticks.add(1.0);
            return ticks;
        }
        double raw = max / TICKS;
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = raw / power <= 1 ? power : raw / power <= 2 ? 2 * power : raw / power <= 5 ? 5 * power : 10 * power;
        int n = (int) Math.ceil(max / step - 1e-9);
        for (int i = 0; i <= n; i++) {
            ticks.add(i * step);
        }
        return ticks;
    }

    /**
     * A value axis from 0 to the round tick at or above {@code max}: grid lines across [left, right], their values
     * left of {@code left}, and {@code unit} in the top-left corner. Returns the pixels per unit.
     */
    static double valueAxis(StringBuilder svg, double max, String unit, double left, double right, double top, double base) {
        List<Double> ticks = ticks(max);
        double axisMax = ticks.get(ticks.size() - 1);
        double scale = (base - top) / axisMax;
        svg.append(text(4, 14, 11, "bold", "start", "#000", unit));
        for (double t : ticks) {
            double y = base - t * scale;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.0f\" y1=\"%.1f\" x2=\"%.0f\" y2=\"%.1f\" stroke=\"%s\"/>",
                    left, y, right, y, t == 0 ? "#666" : "#e3e3e3"));
            svg.append(text(left - 5, y + 3.5, 10, "normal", "end", "#000", num(t)));
        }
        return scale;
    }

    /** A value above zero gets at least one pixel, so that it is not mistaken for nothing. */
    static double visible(double px, double value) {
        return value > 0 ? Math.max(px, 1) : 0;
    }

    /** Opens a chart: {@code cssClass} lets pages and tests find it; {@code title} is what a screen reader says. */
    static StringBuilder open(String cssClass, String title, int width, int height) {
        return new StringBuilder(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" class=\"%s\" width=\"%d\" height=\"%d\""
                        + " viewBox=\"0 0 %d %d\" font-family=\"sans-serif\"><title>%s</title>", Svg.attr(cssClass),
                width, height, width, height, Svg.text(title)));
    }

    static Svg close(StringBuilder svg) {
        return new Svg(svg.append("</svg>").toString());
    }

    static String text(double x, double y, int size, String weight, String anchor, String colour, String value) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%d\" font-weight=\"%s\""
                + " text-anchor=\"%s\" fill=\"%s\">%s</text>", x, y, size, weight, anchor, colour, Svg.text(value));
    }

    /** A filled rectangle with its tooltip; {@code cssClass} may be blank. */
    static void rect(StringBuilder svg, String cssClass, double x, double y, double w, double h, String colour, String tooltip) {
        svg.append(String.format(Locale.ROOT, "<rect%s x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\">"
                + "<title>%s</title></rect>", cssClass.isBlank() ? "" : " class=\"" + Svg.attr(cssClass) + "\"",
                x, y, w, h, colour, Svg.text(tooltip)));
    }

    static void legend(StringBuilder svg, double x, double y, String colour, String name) {
        svg.append(String.format(Locale.ROOT, "<rect x=\"%.0f\" y=\"%.0f\" width=\"10\" height=\"10\" fill=\"%s\"/>",
                x, y - 9, colour)).append(text(x + 14, y, 11, "normal", "start", "#000", name));
    }

    /** A line-style legend entry (for a series drawn as a line). */
    static void lineLegend(StringBuilder svg, double x, double y, String colour, String dash, String name) {
        svg.append(String.format(Locale.ROOT, "<line x1=\"%.0f\" y1=\"%.0f\" x2=\"%.0f\" y2=\"%.0f\" stroke=\"%s\""
                + " stroke-width=\"2\"%s/>", x, y - 4, x + 16, y - 4, colour,
                dash.isBlank() ? "" : " stroke-dasharray=\"" + dash + "\"")).append(text(x + 20, y, 11, "normal", "start", "#000", name));
    }

    static String num(double v) {
        return Quantities.significant(v);
    }
}
