package org.subtomo.core.display;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.subtomo.core.io.AtomicFiles;

/**
 * An x–y line plot (FSC curves, Guinier plots, defocus against tilt, likelihood per iteration), drawn
 * the same way to PNG (for the GUI and quick looks) and SVG (for papers). With {@link #resolutionAxis()},
 * x is spatial frequency in 1/Å and the ticks are labelled in Å, as FSC plots in the field are.
 *
 * <pre>{@code
 * new LinePlot("FSC", "resolution (Å)", "FSC").resolutionAxis()
 *     .series("masked", freq, fsc).referenceLine(0.143, "0.143").yRange(-0.1, 1.05).writePng(path);
 * }</pre>
 */
public final class LinePlot {
    private static final String[] PALETTE = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#000000"};
    private static final int W = 720, H = 420, LEFT = 64, RIGHT = 150, TOP = 34, BOTTOM = 48;

    private record Series(String name, double[] x, double[] y, String colour) {}
    private record Reference(double y, String label) {}

    private final String title, xLabel, yLabel;
    private final List<Series> series = new ArrayList<>();
    private final List<Reference> references = new ArrayList<>();
    private boolean resolution;
    private Double xMin, xMax, yMin, yMax;

    public LinePlot(String title, String xLabel, String yLabel) {
        this.title = title; this.xLabel = xLabel; this.yLabel = yLabel;
    }

    /** x values are 1/Å; tick labels show the resolution in Å. */
    public LinePlot resolutionAxis() { resolution = true; return this; }

    public LinePlot series(String name, double[] x, double[] y) {
        return series(name, x, y, PALETTE[series.size() % PALETTE.length]);
    }

    public LinePlot series(String name, double[] x, double[] y, String colour) {
        if (x.length != y.length) throw new IllegalArgumentException(name + ": " + x.length + " x values, " + y.length + " y values");
        series.add(new Series(name, x.clone(), y.clone(), colour));
        return this;
    }

    /** A dashed horizontal line, e.g. FSC = 0.143. */
    public LinePlot referenceLine(double y, String label) { references.add(new Reference(y, label)); return this; }

    public LinePlot xRange(double lo, double hi) { xMin = lo; xMax = hi; return this; }
    public LinePlot yRange(double lo, double hi) { yMin = lo; yMax = hi; return this; }

    // ---- layout shared by both renderers

    private double[] bounds() {
        double x0 = Double.POSITIVE_INFINITY, x1 = Double.NEGATIVE_INFINITY, y0 = Double.POSITIVE_INFINITY, y1 = Double.NEGATIVE_INFINITY;
        for (Series s : series)
            for (int i = 0; i < s.x.length; i++) {
                if (!Double.isFinite(s.x[i]) || !Double.isFinite(s.y[i])) continue;
                x0 = Math.min(x0, s.x[i]); x1 = Math.max(x1, s.x[i]);
                y0 = Math.min(y0, s.y[i]); y1 = Math.max(y1, s.y[i]);
            }
        for (Reference r : references) { y0 = Math.min(y0, r.y); y1 = Math.max(y1, r.y); }
        if (!Double.isFinite(x0)) { x0 = 0; x1 = 1; y0 = 0; y1 = 1; }
        if (x1 == x0) x1 = x0 + 1;
        if (y1 == y0) { y0 -= 0.5; y1 += 0.5; }
        double pad = 0.04 * (y1 - y0);
        return new double[] {xMin != null ? xMin : x0, xMax != null ? xMax : x1,
                yMin != null ? yMin : y0 - pad, yMax != null ? yMax : y1 + pad};
    }

    /** Round tick positions covering [lo, hi], about n of them. */
    static double[] ticks(double lo, double hi, int n) {
        double raw = (hi - lo) / n, mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = raw / mag < 1.5 ? mag : raw / mag < 3.5 ? 2 * mag : raw / mag < 7.5 ? 5 * mag : 10 * mag;
        List<Double> t = new ArrayList<>();
        for (double v = Math.ceil(lo / step) * step; v <= hi + 1e-9 * step; v += step) t.add(Math.abs(v) < 1e-12 * step ? 0 : v);
        return t.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private String xTickLabel(double x) {
        if (resolution) return x <= 0 ? "∞" : format(1 / x);
        return format(x);
    }

    private static String format(double v) {
        double a = Math.abs(v);
        if (a == 0) return "0";
        if (a >= 1000 || a < 0.01) return String.format(Locale.ROOT, "%.3g", v);
        if (a >= 10) return String.format(Locale.ROOT, "%.0f", v);
        if (a >= 1) return String.format(Locale.ROOT, "%.1f", v);
        return String.format(Locale.ROOT, "%.2f", v);
    }

    /** The drawing operations both outputs implement. */
    private interface Canvas {
        void line(double x0, double y0, double x1, double y1, String colour, double width, boolean dashed);
        void polyline(double[] px, double[] py, String colour);
        void text(double x, double y, String s, String colour, boolean centred, boolean vertical);
    }

    private void draw(Canvas c) {
        double[] b = bounds();
        double pw = W - LEFT - RIGHT, ph = H - TOP - BOTTOM;
        java.util.function.DoubleUnaryOperator sx = x -> LEFT + pw * (x - b[0]) / (b[1] - b[0]);
        java.util.function.DoubleUnaryOperator sy = y -> TOP + ph * (1 - (y - b[2]) / (b[3] - b[2]));
        c.text(LEFT + pw / 2, 20, title, "#000", true, false);
        for (double t : ticks(b[0], b[1], 8)) {
            double x = sx.applyAsDouble(t);
            c.line(x, TOP, x, TOP + ph, "#e4e4e4", 1, false);
            c.text(x, TOP + ph + 16, xTickLabel(t), "#000", true, false);
        }
        for (double t : ticks(b[2], b[3], 6)) {
            double y = sy.applyAsDouble(t);
            c.line(LEFT, y, LEFT + pw, y, "#e4e4e4", 1, false);
            c.text(LEFT - 6 - 6 * format(t).length(), y + 4, format(t), "#000", false, false);
        }
        c.line(LEFT, TOP + ph, LEFT + pw, TOP + ph, "#000", 1, false);
        c.line(LEFT, TOP, LEFT, TOP + ph, "#000", 1, false);
        c.text(LEFT + pw / 2, H - 10, xLabel, "#000", true, false);
        c.text(16, TOP + ph / 2, yLabel, "#000", true, true);
        for (Reference r : references) {
            if (r.y < b[2] || r.y > b[3]) continue;
            double y = sy.applyAsDouble(r.y);
            c.line(LEFT, y, LEFT + pw, y, "#777", 1, true);
            c.text(LEFT + pw + 4, y + 4, r.label, "#777", false, false);
        }
        int legendY = TOP + 10;
        for (Series s : series) {
            List<double[]> pts = new ArrayList<>();
            for (int i = 0; i < s.x.length; i++)
                if (Double.isFinite(s.x[i]) && Double.isFinite(s.y[i]) && s.x[i] >= b[0] && s.x[i] <= b[1])
                    pts.add(new double[] {sx.applyAsDouble(s.x[i]), sy.applyAsDouble(Math.max(b[2], Math.min(b[3], s.y[i])))});
            c.polyline(pts.stream().mapToDouble(p -> p[0]).toArray(), pts.stream().mapToDouble(p -> p[1]).toArray(), s.colour);
            c.line(W - RIGHT + 30, legendY - 4, W - RIGHT + 50, legendY - 4, s.colour, 2, false);
            c.text(W - RIGHT + 54, legendY, s.name, "#000", false, false);
            legendY += 16;
        }
    }

    // ---- SVG

    public String toSvg() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">%n", W, H));
        sb.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        draw(new Canvas() {
            public void line(double x0, double y0, double x1, double y1, String colour, double width, boolean dashed) {
                sb.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"%.1f\"%s/>%n",
                        x0, y0, x1, y1, colour, width, dashed ? " stroke-dasharray=\"5,4\"" : ""));
            }
            public void polyline(double[] px, double[] py, String colour) {
                sb.append("<polyline fill=\"none\" stroke-width=\"1.5\" stroke=\"").append(colour).append("\" points=\"");
                for (int i = 0; i < px.length; i++) sb.append(String.format(Locale.ROOT, "%.1f,%.1f ", px[i], py[i]));
                sb.append("\"/>\n");
            }
            public void text(double x, double y, String s, String colour, boolean centred, boolean vertical) {
                String anchor = centred ? " text-anchor=\"middle\"" : "";
                String rot = vertical ? String.format(Locale.ROOT, " transform=\"rotate(-90 %.1f %.1f)\"", x, y) : "";
                sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" fill=\"%s\"%s%s>%s</text>%n", x, y, colour, anchor, rot, escape(s)));
            }
        });
        sb.append("</svg>\n");
        return sb.toString();
    }

    private static String escape(String s) { return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"); }

    // ---- PNG

    public BufferedImage toImage() {
        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, W, H);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        draw(new Canvas() {
            public void line(double x0, double y0, double x1, double y1, String colour, double width, boolean dashed) {
                g.setColor(Color.decode(colour));
                g.setStroke(dashed ? new BasicStroke((float) width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {5, 4}, 0)
                        : new BasicStroke((float) width));
                g.drawLine((int) Math.round(x0), (int) Math.round(y0), (int) Math.round(x1), (int) Math.round(y1));
            }
            public void polyline(double[] px, double[] py, String colour) {
                g.setColor(Color.decode(colour));
                g.setStroke(new BasicStroke(1.5f));
                int[] xs = new int[px.length], ys = new int[py.length];
                for (int i = 0; i < px.length; i++) { xs[i] = (int) Math.round(px[i]); ys[i] = (int) Math.round(py[i]); }
                g.drawPolyline(xs, ys, xs.length);
            }
            public void text(double x, double y, String s, String colour, boolean centred, boolean vertical) {
                g.setColor(Color.decode(colour));
                int w = g.getFontMetrics().stringWidth(s);
                if (vertical) {
                    Graphics2D r = (Graphics2D) g.create();
                    r.rotate(-Math.PI / 2, x, y);
                    r.drawString(s, (float) (x - (centred ? w / 2.0 : 0)), (float) y);
                    r.dispose();
                } else g.drawString(s, (float) (x - (centred ? w / 2.0 : 0)), (float) y);
            }
        });
        g.dispose();
        return img;
    }

    public void writePng(Path target) { GreyImages.writePng(toImage(), target); }

    public void writeSvg(Path target) {
        try {
            AtomicFiles.writeString(target, toSvg());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }
}
