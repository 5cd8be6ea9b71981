package org.subtomo.core.io.mrc;

import java.nio.ByteOrder;
import java.util.Locale;

/**
 * Human-readable listing of a header, laid out like IMOD's {@code header} program so that users
 * can compare the two side by side. Shared by the command line and (later) the GUI.
 */
public final class MrcHeaderListing {
    private MrcHeaderListing() {}

    /**
     * @param tilts    tilt angles from the extended header (may be empty)
     * @param computed statistics recomputed from the data, or null to show only the header's
     */
    public static String format(String name, MrcHeader h, double[] tilts, MrcStatistics computed) {
        StringBuilder s = new StringBuilder();
        line(s, "File", name);
        line(s, "Number of columns, rows, sections", String.format(Locale.ROOT, "%8d %8d %8d", h.nx, h.ny, h.nz));
        line(s, "Map mode", h.mode.label() + (h.mode == MrcMode.INT8 && !h.signedBytes() ? ", unsigned (IMOD stamp)" : ""));
        line(s, "Byte order", (h.byteOrder == ByteOrder.LITTLE_ENDIAN ? "little endian" : "big endian")
                + (h.orderSource == MrcHeader.OrderSource.INFERRED
                        ? " (inferred: machine stamp " + stamp(h.machineStamp) + " is not valid)"
                        : " (machine stamp " + stamp(h.machineStamp) + ")"));
        line(s, "Start cols, rows, sects", String.format(Locale.ROOT, "%8d %8d %8d", h.nxstart, h.nystart, h.nzstart));
        line(s, "Grid sampling on x, y, z", String.format(Locale.ROOT, "%8d %8d %8d", h.mx, h.my, h.mz));
        line(s, "Cell dimensions (Angstroms)", String.format(Locale.ROOT, "%10.3f %10.3f %10.3f", h.xlen, h.ylen, h.zlen));
        line(s, "Cell angles", String.format(Locale.ROOT, "%10.3f %10.3f %10.3f", h.alpha, h.beta, h.gamma));
        line(s, "Pixel spacing (Angstroms)", String.format(Locale.ROOT, "%10.4f %10.4f %10.4f", h.pixelSize(), h.pixelSizeY(), h.pixelSizeZ()));
        line(s, "Fast, medium, slow axes", axis(h.mapc) + " " + axis(h.mapr) + " " + axis(h.maps));
        line(s, "Origin on x, y, z (Angstroms)", String.format(Locale.ROOT, "%10.3f %10.3f %10.3f", h.originX, h.originY, h.originZ));
        line(s, "Minimum density", num(h.dmin));
        line(s, "Maximum density", num(h.dmax));
        line(s, "Mean density", num(h.dmean));
        line(s, "RMS deviation", num(h.rms));
        if (computed != null) {
            line(s, "Minimum density (from data)", num(computed.min()));
            line(s, "Maximum density (from data)", num(computed.max()));
            line(s, "Mean density (from data)", num(computed.mean()));
            line(s, "RMS deviation (from data)", num(computed.rms()));
        }
        line(s, "Space group", h.ispg + " (" + spaceGroup(h) + ")");
        line(s, "MRC version", String.valueOf(h.nversion));
        line(s, "Extended header", h.nsymbt == 0 ? "none"
                : h.nsymbt + " bytes, type '" + h.exttyp.strip() + "'"
                  + (h.nint != 0 || h.nreal != 0 ? ", nint " + h.nint + ", nreal " + h.nreal : ""));
        if (tilts.length > 0) {
            StringBuilder t = new StringBuilder(tilts.length + " angles:");
            for (double a : tilts) t.append(String.format(Locale.ROOT, " %.2f", a));
            line(s, "Tilt angles (degrees)", t.toString());
        }
        s.append(String.format(Locale.ROOT, "%4d titles:%n", h.labels.size()));
        for (String l : h.labels) s.append("  ").append(l).append(System.lineSeparator());
        return s.toString();
    }

    private static void line(StringBuilder s, String name, String value) {
        String dots = name.length() < 40 ? " " + ".".repeat(40 - name.length() - 1) : "";
        s.append(' ').append(name).append(dots).append(' ').append(value).append(System.lineSeparator());
    }

    private static String num(double v) { return String.format(Locale.ROOT, "%14.6g", v).strip(); }
    private static String stamp(int m) { return String.format("0x%02x 0x%02x 0x%02x 0x%02x", m >>> 24, (m >>> 16) & 0xff, (m >>> 8) & 0xff, m & 0xff); }
    private static String axis(int a) { return a >= 1 && a <= 3 ? String.valueOf("XYZ".charAt(a - 1)) : "?" + a; }

    private static String spaceGroup(MrcHeader h) {
        return switch (h.ispg) {
            case MrcHeader.ISPG_IMAGE_STACK -> h.nz == 1 ? "single image" : "image stack of " + h.nz;
            case MrcHeader.ISPG_VOLUME -> "volume";
            case MrcHeader.ISPG_VOLUME_STACK -> h.isVolumeStack() ? "stack of " + h.imageCount() + " volumes of " + h.mz + " sections" : "volume stack";
            default -> "crystallographic";
        };
    }
}
