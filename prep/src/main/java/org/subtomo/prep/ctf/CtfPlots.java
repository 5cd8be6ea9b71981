package org.subtomo.prep.ctf;

import org.subtomo.core.io.AtomicFiles;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Diagnostics of one fit: a PNG like CTFFIND's (left half the background-subtracted spectrum,
 * right half the fitted CTF², centred) and an SVG of the 1D curves (data, fit, fit quality).
 */
public final class CtfPlots {
    private CtfPlots() {}

    /** The diagnostic image as an 8-bit grey image, box × box, DC at (box/2, box/2). */
    public static BufferedImage diagnosticImage(CtfFit fit) {
        CtfFit.Spectrum sp = fit.spectrum();
        int b = sp.box(), hx = b / 2 + 1;
        float[] fitted = new org.subtomo.core.ctf.Ctf(fit.ctf()).sampleHalf(b, b, sp.pixelSize(), org.subtomo.core.ctf.Ctf.Mode.SQUARED);
        double rLo = b * sp.pixelSize() / sp.minResolution();
        BufferedImage img = new BufferedImage(b, b, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < b; y++) {
            for (int x = 0; x < b; x++) {
                int fx = x - b / 2, fy = b / 2 - y; // +Y up
                int kx = fx, ky = fy;
                if (kx < 0) { kx = -kx; ky = -ky; }      // Friedel mate on the half grid
                int row = ky >= 0 ? ky : ky + b;
                if (kx >= hx || row >= b) continue;
                int i = kx + hx * row;
                boolean dataSide = x < b / 2;
                double v;
                if (dataSide) v = 0.5 + sp.normalised()[i] / 6;       // ±3 RMS spans the grey range
                else v = fitted[i];
                if (Math.hypot(fx, fy) < rLo * 0.5) v = dataSide ? 0.5 : v;
                int g = (int) Math.round(255 * Math.max(0, Math.min(1, v)));
                img.getRaster().setSample(x, y, 0, g);
            }
        }
        return img;
    }

    public static void writeDiagnosticPng(CtfFit fit, Path target) throws IOException {
        BufferedImage img = diagnosticImage(fit);
        AtomicFiles.write(target, out -> {
            if (!ImageIO.write(img, "png", out)) throw new IOException("no PNG writer");
        });
    }

    /** The 1D curves as SVG: data (black), fit (red), fit quality (blue) against 1/Å. */
    public static String profileSvg(CtfFit fit) {
        CtfFit.Profile pr = fit.profile();
        int w = 720, h = 360, m = 40;
        double sMax = pr.frequency()[pr.frequency().length - 1];
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"11\">%n", w, h));
        sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#888\"/>%n", m, m / 2, w - 2 * m, h - m - m / 2));
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">defocus U %.0f V %.0f Å, angle %.1f°, FOM %.3f, fit to %s Å</text>%n",
                m, 14, fit.defocusU(), fit.defocusV(), fit.defocusAngle(), fit.figureOfMerit(),
                fit.fitted() ? String.format(Locale.ROOT, "%.1f", fit.maxResolution()) : "none"));
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">spatial frequency (1/Å), 0 .. %.4f</text>%n", m, h - 8, sMax));
        polyline(sb, pr.frequency(), pr.data(), sMax, w, h, m, "#000");
        polyline(sb, pr.frequency(), pr.fit(), sMax, w, h, m, "#d22");
        polyline(sb, pr.frequency(), pr.quality(), sMax, w, h, m, "#22d");
        sb.append("</svg>\n");
        return sb.toString();
    }

    private static void polyline(StringBuilder sb, double[] x, double[] y, double xMax, int w, int h, int m, String colour) {
        sb.append("<polyline fill=\"none\" stroke-width=\"1\" stroke=\"").append(colour).append("\" points=\"");
        double yTop = m / 2.0, yBot = h - m;
        for (int i = 1; i < x.length; i++) {
            if (!Double.isFinite(y[i])) continue;
            double v = Math.max(-0.25, Math.min(1.25, y[i]));
            double px = m + (w - 2 * m) * x[i] / xMax, py = yBot - (yBot - yTop) * (v + 0.25) / 1.5;
            sb.append(String.format(Locale.ROOT, "%.1f,%.1f ", px, py));
        }
        sb.append("\"/>\n");
    }

    public static void writeProfileSvg(CtfFit fit, Path target) throws IOException {
        AtomicFiles.writeString(target, profileSvg(fit));
    }
}
