package io.surge.bench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A line chart as inline SVG: x is the run's second, y linear from 0 or logarithmic. Enough for a
 * report that must open offline (no scripts, nothing fetched). Build, add series, render once.
 */
final class SvgChart {
    private static final int WIDTH = 900;
    private static final int HEIGHT = 300;
    private static final int LEFT = 80;
    private static final int RIGHT = 20;
    private static final int TOP = 30;
    private static final int BOTTOM = 40;
    private static final String[] COLOURS = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd"};

    private final String title;
    private final String yLabel;
    private final boolean logarithmic;
    private final List<String> names = new ArrayList<>();
    private final List<double[]> series = new ArrayList<>();

    SvgChart(String title, String yLabel, boolean logarithmic) {
        this.title = title;
        this.yLabel = yLabel;
        this.logarithmic = logarithmic;
    }

    /** Adds a series; {@code values[i]} is the value in second i + 1. */
    SvgChart add(String name, double[] values) {
        names.add(name);
        series.add(values);
        return this;
    }

    String render() {
        int points = 1;
        double top = 1;
        for (double[] values : series) {
            points = Math.max(points, values.length);
            for (double value : values) {
                top = Math.max(top, value);
            }
        }
        final double yMax = logarithmic ? Math.pow(10, Math.ceil(Math.log10(top))) : niceCeiling(top);
        final double yMin = logarithmic ? Math.min(yMax / 10, Math.pow(10, Math.floor(Math.log10(smallestPositive())))) : 0;
        final StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
            + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, HEIGHT, WIDTH, HEIGHT));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"18\" font-size=\"14\" font-weight=\"bold\">%s</text>%n",
            LEFT, escape(title)));
        svg.append(String.format(Locale.ROOT, "<text transform=\"translate(14,%d) rotate(-90)\" text-anchor=\"middle\">%s</text>%n",
            TOP + plotHeight() / 2, escape(yLabel)));
        for (double tick : yTicks(yMin, yMax)) {
            final double y = y(tick, yMin, yMax);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>%n",
                LEFT, WIDTH - RIGHT, y, y));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n",
                LEFT - 6, y + 4, TextReport.number(Math.round(tick))));
        }
        final int xStep = Math.max(1, (int) Math.ceil(points / 10.0));
        for (int second = 1; second <= points; second += xStep) {
            final double x = x(second, points);
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%d</text>%n",
                x, HEIGHT - BOTTOM + 16, second));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">second of the run</text>%n",
            LEFT + plotWidth() / 2, HEIGHT - 6));
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#888\"/>%n",
            LEFT, TOP, plotWidth(), plotHeight()));
        for (int s = 0; s < series.size(); s++) {
            final String colour = COLOURS[s % COLOURS.length];
            final double[] values = series.get(s);
            final StringBuilder line = new StringBuilder();
            for (int i = 0; i < values.length; i++) {
                final double value = logarithmic ? Math.max(yMin, values[i]) : values[i];
                line.append(String.format(Locale.ROOT, "%.1f,%.1f ", x(i + 1, points), y(value, yMin, yMax)));
            }
            svg.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>%n",
                colour, line.toString().trim()));
            if (values.length == 1) {
                svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>%n",
                    x(1, points), y(logarithmic ? Math.max(yMin, values[0]) : values[0], yMin, yMax), colour));
            }
            final int legendX = LEFT + 10 + s * 150;
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"3\" fill=\"%s\"/>"
                + "<text x=\"%d\" y=\"%d\">%s</text>%n", legendX, TOP + 12, colour, legendX + 16, TOP + 16, escape(names.get(s))));
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    /** The smallest value above 0 (1 when there is none), where a logarithmic axis starts. */
    private double smallestPositive() {
        double smallest = Double.MAX_VALUE;
        for (double[] values : series) {
            for (double value : values) {
                if (value > 0) {
                    smallest = Math.min(smallest, value);
                }
            }
        }
        return smallest == Double.MAX_VALUE ? 1 : smallest;
    }

    private double x(int second, int points) {
        return points == 1 ? LEFT + plotWidth() / 2.0 : LEFT + (second - 1) * (double) plotWidth() / (points - 1);
    }

    private double y(double value, double yMin, double yMax) {
        final double fraction = logarithmic ? (Math.log10(value) - Math.log10(yMin)) / (Math.log10(yMax) - Math.log10(yMin))
            : (value - yMin) / (yMax - yMin);
        return TOP + plotHeight() * (1 - fraction);
    }

    private List<Double> yTicks(double yMin, double yMax) {
        final List<Double> ticks = new ArrayList<>();
        if (logarithmic) {
            for (double tick = yMin; tick <= yMax * 1.0001; tick *= 10) {
                ticks.add(tick);
            }
        } else {
            for (int i = 0; i <= 5; i++) {
                ticks.add(yMax * i / 5);
            }
        }
        return ticks;
    }

    private static double niceCeiling(double value) {
        final double power = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (step * power >= value) {
                return step * power;
            }
        }
        return 10 * power;
    }

    private static int plotWidth() {
        return WIDTH - LEFT - RIGHT;
    }

    private static int plotHeight() {
        return HEIGHT - TOP - BOTTOM;
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
