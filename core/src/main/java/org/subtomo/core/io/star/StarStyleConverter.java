package org.subtomo.core.io.star;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rewrites a particle or micrograph STAR file in the other RELION style. Blocks other than the
 * particle table and the optics table pass through unchanged, as do unknown columns, in order.
 * <ul>
 * <li>3.1 → 1.4: each row gets its optics group's values; {@code rlnImagePixelSize} becomes
 *   {@code rlnDetectorPixelSize} (Å) with {@code rlnMagnification} 10000, which is how 1.4 derives the
 *   pixel size; {@code rlnOriginXAngst} becomes {@code rlnOriginX} in pixels.</li>
 * <li>1.4 → 3.1: rows with identical optics values form one optics group (numbered in order of first
 *   appearance, as {@code relion_convert_star} does); origins become Å.</li>
 * </ul>
 */
public final class StarStyleConverter {
    private StarStyleConverter() {}

    /** A new file in the requested style (a copy when the input already has it). */
    public static StarFile convert(ParticleStar in, StarStyle target) {
        if (in.style() == target) return copy(in.file());
        return target == StarStyle.RELION_14 ? to14(in) : to31(in);
    }

    private static StarFile copy(StarFile f) {
        StarFile out = new StarFile(f.source());
        for (StarBlock b : f.blocks()) out.add(b.name(), b.table().copy());
        return out;
    }

    // --- 3.1 → 1.4 ---------------------------------------------------------------------------

    private static StarFile to14(ParticleStar in) {
        StarTable src = in.rows();
        StarTable optics = in.optics().orElseThrow();
        List<String> labels = new ArrayList<>();
        for (String l : src.labels()) {
            if (StarLabels.same(l, OpticsLabels.GROUP)) continue;
            labels.add(pixelOrigin(l));
        }
        List<String> opticsLabels = new ArrayList<>();
        boolean pixelFromImageSize = false;
        for (String l : optics.labels()) {
            if (StarLabels.same(l, OpticsLabels.GROUP) || StarLabels.same(l, OpticsLabels.GROUP_NAME) || src.has(l)) continue;
            if (StarLabels.same(l, OpticsLabels.IMAGE_PIXEL_SIZE) && !in.has(OpticsLabels.DETECTOR_PIXEL_SIZE)) {
                pixelFromImageSize = true;
                continue;
            }
            opticsLabels.add(l);
        }
        labels.addAll(opticsLabels);
        if (pixelFromImageSize) {
            labels.add(OpticsLabels.MAGNIFICATION);
            labels.add(OpticsLabels.DETECTOR_PIXEL_SIZE);
        }
        StarTable out = StarTable.loop(labels);
        for (int r = 0; r < src.rowCount(); r++) {
            List<String> row = new ArrayList<>(labels.size());
            for (int c = 0; c < src.columnCount(); c++) {
                String l = src.labels().get(c);
                if (StarLabels.same(l, OpticsLabels.GROUP)) continue;
                int axis = angstOriginAxis(l);
                row.add(axis < 0 ? src.get(r, c) : StarNumbers.format(src.getDouble(r, c) / in.pixelSize(r)));
            }
            for (String l : opticsLabels) row.add(in.get(r, l));
            if (pixelFromImageSize) {
                // 1.4 pixel size = DetectorPixelSize[µm] * 1e4 / Magnification; with 10000 the two agree.
                row.add("10000");
                row.add(in.get(r, OpticsLabels.IMAGE_PIXEL_SIZE));
            }
            out.addRow(row);
        }
        StarFile file = new StarFile(in.file().source());
        for (StarBlock b : in.file().blocks()) {
            if (b == in.dataBlock()) file.add(b.name().equals("particles") ? "" : b.name(), out);
            else if (!b.name().equals("optics")) file.add(b.name(), b.table().copy());
        }
        return file;
    }

    /** rlnOriginXAngst → rlnOriginX (keeps other labels). */
    private static String pixelOrigin(String label) {
        int axis = angstOriginAxis(label);
        return axis < 0 ? label : OpticsLabels.originPixels(axis);
    }

    private static int angstOriginAxis(String label) {
        for (int a = 0; a < 3; a++) if (StarLabels.same(label, OpticsLabels.originAngst(a))) return a;
        return -1;
    }

    private static int pixelOriginAxis(String label) {
        for (int a = 0; a < 3; a++) if (StarLabels.same(label, OpticsLabels.originPixels(a))) return a;
        return -1;
    }

    // --- 1.4 → 3.1 ---------------------------------------------------------------------------

    private static StarFile to31(ParticleStar in) {
        StarTable src = in.rows();
        boolean micrographs = !src.has("rlnImageName") && src.has("rlnMicrographName");
        String pixelLabel = micrographs ? OpticsLabels.MICROGRAPH_PIXEL_SIZE : OpticsLabels.IMAGE_PIXEL_SIZE;
        boolean hasOrigins = false;
        for (String l : src.labels()) hasOrigins |= pixelOriginAxis(l) >= 0;
        // 3.1 wants a pixel size per optics group; 1.4's magnification/detector pair becomes one.
        boolean derivePixel = in.hasPixelSize() && !src.has(pixelLabel);
        if (hasOrigins) in.requirePixelSize(); // origins in Å need it; fail before writing anything

        List<String> opticsLabels = new ArrayList<>();
        List<String> particleLabels = new ArrayList<>();
        for (String l : src.labels()) {
            if (StarLabels.same(l, OpticsLabels.GROUP)) continue;
            boolean replacedByPixel = derivePixel && (StarLabels.same(l, OpticsLabels.MAGNIFICATION)
                    || StarLabels.same(l, OpticsLabels.DETECTOR_PIXEL_SIZE) || StarLabels.same(l, "rlnPixelSize"));
            if (replacedByPixel) continue;
            if (OpticsLabels.isOptics(l) && !StarLabels.same(l, OpticsLabels.GROUP_NAME)) opticsLabels.add(l);
            else if (!StarLabels.same(l, OpticsLabels.GROUP_NAME)) {
                int axis = pixelOriginAxis(l);
                particleLabels.add(axis < 0 ? l : OpticsLabels.originAngst(axis));
            }
        }

        List<String> groupLabels = new ArrayList<>(List.of(OpticsLabels.GROUP, OpticsLabels.GROUP_NAME));
        groupLabels.addAll(opticsLabels);
        if (derivePixel) groupLabels.add(pixelLabel);
        StarTable optics = StarTable.loop(groupLabels);
        particleLabels.add(OpticsLabels.GROUP);
        StarTable particles = StarTable.loop(particleLabels);

        Map<List<String>, Integer> groups = new LinkedHashMap<>();
        for (int r = 0; r < src.rowCount(); r++) {
            List<String> values = new ArrayList<>();
            for (String l : opticsLabels) values.add(src.get(r, l));
            if (derivePixel) values.add(StarNumbers.format(in.pixelSize(r)));
            List<String> key = values.stream().map(StarStyleConverter::sameNumberKey).toList();
            Integer g = groups.get(key);
            if (g == null) {
                g = groups.size() + 1;
                groups.put(key, g);
                List<String> groupRow = new ArrayList<>(List.of(Integer.toString(g), "opticsGroup" + g));
                groupRow.addAll(values);
                optics.addRow(groupRow);
            }
            List<String> row = new ArrayList<>();
            for (int c = 0; c < src.columnCount(); c++) {
                String l = src.labels().get(c);
                if (StarLabels.same(l, OpticsLabels.GROUP) || StarLabels.same(l, OpticsLabels.GROUP_NAME)) continue;
                if (opticsLabels.contains(l)) continue;
                if (derivePixel && (StarLabels.same(l, OpticsLabels.MAGNIFICATION)
                        || StarLabels.same(l, OpticsLabels.DETECTOR_PIXEL_SIZE) || StarLabels.same(l, "rlnPixelSize"))) continue;
                int axis = pixelOriginAxis(l);
                row.add(axis < 0 ? src.get(r, c) : StarNumbers.format(src.getDouble(r, c) * in.pixelSize(r)));
            }
            row.add(Integer.toString(g));
            particles.addRow(row);
        }

        StarFile file = new StarFile(in.file().source());
        file.add("optics", optics);
        for (StarBlock b : in.file().blocks()) {
            if (b == in.dataBlock()) file.add(micrographs ? "micrographs" : "particles", particles);
            else if (!b.name().equals("optics")) file.add(b.name(), b.table().copy());
        }
        return file;
    }

    /** "300", "300.0" and "3e2" are the same voltage; group on the number, not its spelling. */
    private static String sameNumberKey(String v) {
        Double d = StarNumbers.parseDouble(v);
        return d == null ? "s:" + v : "n:" + d;
    }
}
