package org.subtomo.core.io.mrc;

import java.nio.ByteBuffer;

/**
 * Tilt angles from the extended headers that acquisition programs write: one record per section.
 *
 * <ul>
 * <li>FEI1/FEI2 (Thermo Fisher EPU/Tomo, MRC2014 {@code exttyp}): records of "metadata size"
 *     bytes (first int32 of each record; 768 for FEI1, 888 for FEI2), alpha tilt as a float64 at
 *     byte 100, in the file's byte order.</li>
 * <li>SerialEM ({@code exttyp} 'SERI', or older files that only set nint/nreal): {@code nint} is
 *     the bytes per section and {@code nreal} a set of flag bits naming the 2- and 4-byte fields
 *     present, in bit order; bit 1 is the tilt angle as a short holding degrees * 100.</li>
 * <li>Agard ('AGAR', and old FEI files that predate exttyp): {@code nint} int32 then
 *     {@code nreal} float32 per section, the first float being the tilt angle. A SerialEM-style
 *     header whose flag sizes do not add up to nint is read this way, as IMOD does.</li>
 * </ul>
 * Any other extended header (symmetry operators, HDF5, unknown) holds no tilt angles.
 */
public final class ExtendedHeaders {
    private ExtendedHeaders() {}

    /** Bytes of each SerialEM field, indexed by flag bit number (bit 0 = tilt angle). */
    private static final int[] SERIALEM_FIELD_BYTES = {2, 6, 4, 2, 2, 4, 2, 4, 2, 4, 2};
    private static final int FEI_ALPHA_TILT_OFFSET = 100;
    private static final int FEI1_RECORD = 768, FEI2_RECORD = 888;

    /** The kind of extended header, as far as tilt angles are concerned. */
    public enum Kind { NONE, FEI, SERIALEM, AGARD, OTHER }

    public static Kind kind(MrcHeader h) {
        if (h.nsymbt == 0) return Kind.NONE;
        String t = h.exttyp.strip();
        if (t.equals("FEI1") || t.equals("FEI2")) return Kind.FEI;
        boolean imodStyle = t.isEmpty() || t.equals("SERI") || t.equals("AGAR");
        if (!imodStyle || (h.nint == 0 && h.nreal == 0)) return Kind.OTHER;
        if (!t.equals("AGAR") && serialEmBytes(h.nreal) == h.nint) return Kind.SERIALEM;
        return h.nreal > 0 ? Kind.AGARD : Kind.OTHER;
    }

    /**
     * One tilt angle (degrees) per section, as many as both the header's nz and the extended
     * header's length allow; an empty array when the extended header records none.
     */
    public static double[] tiltAngles(MrcHeader h, ByteBuffer ext) {
        ByteBuffer b = ext.duplicate().order(h.byteOrder);
        return switch (kind(h)) {
            case FEI -> fei(h, b);
            case SERIALEM -> (h.nreal & 1) != 0 ? serialEm(h, b) : new double[0];
            case AGARD -> agard(h, b);
            case NONE, OTHER -> new double[0];
        };
    }

    private static double[] fei(MrcHeader h, ByteBuffer b) {
        int fallback = h.exttyp.strip().equals("FEI2") ? FEI2_RECORD : FEI1_RECORD;
        int size = b.remaining() >= 4 ? b.getInt(0) : 0;
        // Trust the record's own size unless it cannot hold the alpha tilt field.
        int stride = size >= FEI_ALPHA_TILT_OFFSET + 8 ? size : fallback;
        int n = records(h, b, stride);
        double[] t = new double[n];
        for (int i = 0; i < n; i++) t[i] = b.getDouble(i * stride + FEI_ALPHA_TILT_OFFSET);
        return t;
    }

    private static double[] serialEm(MrcHeader h, ByteBuffer b) {
        int stride = h.nint;
        int n = records(h, b, stride);
        double[] t = new double[n];
        for (int i = 0; i < n; i++) t[i] = b.getShort(i * stride) / 100.0;   // tilt is the first field when bit 0 is set
        return t;
    }

    private static double[] agard(MrcHeader h, ByteBuffer b) {
        int stride = 4 * (h.nint + h.nreal);
        int n = records(h, b, stride);
        double[] t = new double[n];
        for (int i = 0; i < n; i++) t[i] = b.getFloat(i * stride + 4 * h.nint);
        return t;
    }

    private static int records(MrcHeader h, ByteBuffer b, int stride) {
        if (stride <= 0) return 0;
        return (int) Math.min(h.nz, b.remaining() / stride);
    }

    /** Bytes per section implied by SerialEM flag bits; -1 if a bit we do not know is set. */
    static int serialEmBytes(int flags) {
        int bytes = 0;
        for (int bit = 0; bit < 16; bit++) {
            if ((flags & (1 << bit)) == 0) continue;
            if (bit >= SERIALEM_FIELD_BYTES.length) return -1;
            bytes += SERIALEM_FIELD_BYTES[bit];
        }
        return bytes;
    }
}
