package io.greenwindow.web;

import java.util.List;
import java.util.Locale;

/** Small inline SVG charts: no script, no CDN, readable when printed. Colours are paired with legends and titles. */
final class SvgCharts {

    static final String MEASURED = "#1b7f3b";
    static final String ESTIMATED = "#b7c9a8";
    static final String INVENTORY = "#5a5a5a";
    static final String AVOIDED = "#2a9d8f";
    static final String INFERENCE = "#c0392b";

    private SvgCharts() {
    }

    /** Vertical bars per label, each stacked from two series (for example measured under estimated kWh). */
    static String stackedBars(String title, List<String> labels, double[] lower, double[] upper, String lowerName,
            String upperName, String unit) {
        int width = 720, height = 220, left = 60, bottom = 30, top = 30;
        double max = 0;
        for (int i = 0; i < labels.size(); i++) {
            max = Math.max(max, lower[i] + upper[i]);
        }
        double scale = max > 0 ? (height - top - bottom) / max : 0;
        double slot = (double) (width - left - 10) / Math.max(1, labels.size());
        StringBuilder svg = open(title, width, height);
        axisLabel(svg, left, top, max, unit);
        for (int i = 0; i < labels.size(); i++) {
            double x = left + i * slot + slot * 0.15;
            double w = slot * 0.7;
            double h1 = lower[i] * scale;
            double h2 = upper[i] * scale;
            double base = height - bottom;
            rect(svg, x, base - h1, w, h1, MEASURED, labels.get(i) + ": " + num(lower[i]) + " " + unit + " " + lowerName);
            rect(svg, x, base - h1 - h2, w, h2, ESTIMATED, labels.get(i) + ": " + num(upper[i]) + " " + unit + " " + upperName);
            if (labels.size() <= 12 || i % 5 == 0) {
                svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"10\">%s</text>",
                        x, height - 12, Html.escape(labels.get(i))));
            }
        }
        legend(svg, width - 300, 14, MEASURED, lowerName);
        if (!upperName.isBlank()) {
            legend(svg, width - 150, 14, ESTIMATED, upperName);
        }
        return svg.append("</svg>").toString();
    }

    /** Horizontal bars, one row per item with up to three series side by side, each with its value written out. */
    static String groupedBars(String title, List<String> items, List<double[]> values, List<String> seriesNames,
            List<String> colours, String unit) {
        int rowHeight = 16 * seriesNames.size() + 12;
        int width = 720, left = 170, top = 30;
        int height = top + rowHeight * Math.max(1, items.size()) + 10;
        double max = 0;
        for (double[] v : values) {
            for (double d : v) {
                max = Math.max(max, Double.isNaN(d) ? 0 : d);
            }
        }
        double scale = max > 0 ? (width - left - 120) / max : 0;
        StringBuilder svg = open(title, width, height);
        for (int s = 0; s < seriesNames.size(); s++) {
            legend(svg, left + s * 170, 14, colours.get(s), seriesNames.get(s));
        }
        for (int i = 0; i < items.size(); i++) {
            int y = top + i * rowHeight;
            svg.append(String.format(Locale.ROOT, "<text x=\"4\" y=\"%d\" font-size=\"11\">%s</text>", y + 14,
                    Html.escape(items.get(i))));
            for (int s = 0; s < seriesNames.size(); s++) {
                double v = values.get(i)[s];
                int by = y + s * 16;
                if (Double.isNaN(v)) {
                    svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"10\">%s: not known</text>",
                            left, by + 11, Html.escape(seriesNames.get(s))));
                    continue;
                }
                double w = Math.max(v * scale, 0);
                rect(svg, left, by, w, 13, colours.get(s), items.get(i) + ": " + num(v) + " " + unit + " " + seriesNames.get(s));
                svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"10\">%s %s</text>",
                        left + w + 4, by + 11, num(v), Html.escape(unit)));
            }
        }
        return svg.append("</svg>").toString();
    }

    private static StringBuilder open(String title, int width, int height) {
        return new StringBuilder(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\">"
                        + "<title>%s</title>", width, height, width, height, Html.escape(title)));
    }

    private static void axisLabel(StringBuilder svg, int left, int top, double max, String unit) {
        svg.append(String.format(Locale.ROOT, "<text x=\"2\" y=\"%d\" font-size=\"10\">%s %s</text>", top,
                num(max), Html.escape(unit)));
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"190\" stroke=\"#999\"/>", left - 2, top, left - 2));
    }

    private static void rect(StringBuilder svg, double x, double y, double w, double h, String colour, String tooltip) {
        svg.append(String.format(Locale.ROOT,
                "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%s</title></rect>",
                x, y, w, h, colour, Html.escape(tooltip)));
    }

    private static void legend(StringBuilder svg, int x, int y, String colour, String name) {
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/>"
                + "<text x=\"%d\" y=\"%d\" font-size=\"11\">%s</text>", x, y - 9, colour, x + 14, y, Html.escape(name)));
    }

    static String num(double v) {
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        return a >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : a >= 1 ? String.format(Locale.ROOT, "%.2f", v)
                : String.format(Locale.ROOT, "%.4g", v);
    }
}
