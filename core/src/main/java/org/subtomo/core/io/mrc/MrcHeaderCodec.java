package org.subtomo.core.io.mrc;

import org.subtomo.core.error.InputException;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes the 1024-byte main header (MRC2014 byte offsets), including deciding the byte
 * order. One place knows the offsets; everything else uses {@link MrcHeader} fields.
 */
final class MrcHeaderCodec {
    private MrcHeaderCodec() {}

    // Byte offsets in the main header (MRC2014; IMOD's uses of the "extra" area noted).
    private static final int NX = 0, MODE = 12, NXSTART = 16, MX = 28, XLEN = 40, ALPHA = 52, MAPC = 64,
            DMIN = 76, ISPG = 88, NSYMBT = 92, EXTTYP = 104, NVERSION = 108,
            NINT = 128, NREAL = 130, IMOD_STAMP = 152, IMOD_FLAGS = 156,
            ORIGIN = 196, MAP = 208, MACHST = 212, RMS = 216, NLABL = 220, LABELS = 224;
    private static final int LABEL_LENGTH = 80, MAX_LABELS = 10;

    /** Machine stamps: first byte 0x44 ('D') little endian (0x44 0x44 or 0x44 0x41), 0x11 big endian. */
    static final int STAMP_LITTLE = 0x44440000, STAMP_BIG = 0x11110000;

    static MrcHeader decode(ByteBuffer raw, Path file) {
        if (raw.remaining() < MrcHeader.SIZE)
            throw InputException.inFile(file, "not an MRC file: only " + raw.remaining() + " bytes, an MRC header alone is "
                    + MrcHeader.SIZE + " bytes; check the file was copied completely");
        ByteBuffer b = raw.slice(raw.position(), MrcHeader.SIZE);
        int stamp = b.order(ByteOrder.BIG_ENDIAN).getInt(MACHST);
        ByteOrder order = orderFromStamp(stamp);
        MrcHeader.OrderSource source = MrcHeader.OrderSource.MACHINE_STAMP;
        if (order == null) {
            order = inferOrder(b, file);
            source = MrcHeader.OrderSource.INFERRED;
        }
        b.order(order);

        int nx = b.getInt(NX), ny = b.getInt(NX + 4), nz = b.getInt(NX + 8), modeCode = b.getInt(MODE);
        if (nx < 0 || ny < 0 || nz < 0)
            throw InputException.inFile(file, "negative dimensions " + nx + " x " + ny + " x " + nz
                    + " in the header (nx, ny, nz); the file is damaged or not an MRC file");
        if (nx == 0 || ny == 0 || nz == 0)
            throw InputException.inFile(file, "empty dimensions " + nx + " x " + ny + " x " + nz
                    + " in the header (nx, ny, nz); the file holds no image");
        MrcMode mode = MrcMode.fromCode(modeCode).orElseThrow(() -> InputException.inFile(file,
                "unsupported MRC mode " + modeCode + "; readable modes are 0 (int8), 1 (int16), 2 (float32), 6 (uint16), 12 (float16)"
                        + " - convert it, e.g. 'newstack -mode 2' (IMOD) or 'relion_image_handler --i in --o out.mrc'"));
        int nsymbt = b.getInt(NSYMBT);
        if (nsymbt < 0)
            throw InputException.inFile(file, "negative extended header size " + nsymbt + " (nsymbt); the header is damaged");

        int nlabl = Math.clamp(b.getInt(NLABL), 0, MAX_LABELS);
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < nlabl; i++) labels.add(ascii(b, LABELS + i * LABEL_LENGTH, LABEL_LENGTH).stripTrailing());

        return MrcHeader.builder()
                .size(nx, ny, nz).mode(mode)
                .start(b.getInt(NXSTART), b.getInt(NXSTART + 4), b.getInt(NXSTART + 8))
                .sampling(b.getInt(MX), b.getInt(MX + 4), b.getInt(MX + 8))
                .cell(b.getFloat(XLEN), b.getFloat(XLEN + 4), b.getFloat(XLEN + 8))
                .cellAngles(b.getFloat(ALPHA), b.getFloat(ALPHA + 4), b.getFloat(ALPHA + 8))
                .axes(b.getInt(MAPC), b.getInt(MAPC + 4), b.getInt(MAPC + 8))
                .statistics(b.getFloat(DMIN), b.getFloat(DMIN + 4), b.getFloat(DMIN + 8), b.getFloat(RMS))
                .ispg(b.getInt(ISPG))
                .extended(nsymbt, ascii(b, EXTTYP, 4))
                .nversion(b.getInt(NVERSION))
                .nintNreal(b.getShort(NINT), b.getShort(NREAL))
                .imod(b.getInt(IMOD_STAMP), b.getInt(IMOD_FLAGS))
                .origin(b.getFloat(ORIGIN), b.getFloat(ORIGIN + 4), b.getFloat(ORIGIN + 8))
                .map(ascii(b, MAP, 4))
                .machineStamp(stamp)
                .labels(labels)
                .byteOrder(order, source)
                .build();
    }

    static ByteOrder orderFromStamp(int stamp) {
        int b0 = stamp >>> 24, b1 = (stamp >>> 16) & 0xff;
        if (b0 == 0x44 && (b1 == 0x44 || b1 == 0x41)) return ByteOrder.LITTLE_ENDIAN;
        if (b0 == 0x11 && b1 == 0x11) return ByteOrder.BIG_ENDIAN;
        return null;
    }

    /**
     * Old files (and some writers) leave the machine stamp empty: pick the order in which the mode
     * is one we know and the dimensions are plausible (positive, below 2^20). Little endian wins a
     * tie because nearly every file written since the 1990s is little endian.
     */
    private static ByteOrder inferOrder(ByteBuffer b, Path file) {
        if (plausible(b, ByteOrder.LITTLE_ENDIAN)) return ByteOrder.LITTLE_ENDIAN;
        if (plausible(b, ByteOrder.BIG_ENDIAN)) return ByteOrder.BIG_ENDIAN;
        int le = b.order(ByteOrder.LITTLE_ENDIAN).getInt(MODE), be = b.order(ByteOrder.BIG_ENDIAN).getInt(MODE);
        if (MrcMode.fromCode(le).isEmpty() && MrcMode.fromCode(be).isEmpty() && !hasMapTag(b))
            throw InputException.inFile(file, "not an MRC file: no machine stamp, no 'MAP ' tag and the mode word ("
                    + le + " little endian, " + be + " big endian) is no MRC mode; check the file name");
        return ByteOrder.LITTLE_ENDIAN; // let decode() report the unknown mode or bad dimensions in this order
    }

    private static boolean plausible(ByteBuffer b, ByteOrder o) {
        b.order(o);
        int nx = b.getInt(NX), ny = b.getInt(NX + 4), nz = b.getInt(NX + 8);
        int limit = 1 << 20;
        return MrcMode.fromCode(b.getInt(MODE)).isPresent()
                && nx > 0 && ny > 0 && nz > 0 && nx < limit && ny < limit && nz < limit;
    }

    private static boolean hasMapTag(ByteBuffer b) { return ascii(b, MAP, 4).strip().equals("MAP"); }

    /** Bytes as text, NULs dropped (labels and tags are space- or NUL-padded). */
    private static String ascii(ByteBuffer b, int offset, int length) {
        byte[] bytes = new byte[length];
        b.get(offset, bytes);
        StringBuilder s = new StringBuilder(length);
        for (byte x : bytes) if (x != 0) s.append((x >= 32 && x < 127) ? (char) x : '?');
        return s.toString();
    }

    static ByteBuffer encode(MrcHeader h) {
        ByteBuffer b = ByteBuffer.allocate(MrcHeader.SIZE).order(h.byteOrder);
        b.putInt(NX, h.nx).putInt(NX + 4, h.ny).putInt(NX + 8, h.nz).putInt(MODE, h.mode.code);
        b.putInt(NXSTART, h.nxstart).putInt(NXSTART + 4, h.nystart).putInt(NXSTART + 8, h.nzstart);
        b.putInt(MX, h.mx).putInt(MX + 4, h.my).putInt(MX + 8, h.mz);
        b.putFloat(XLEN, h.xlen).putFloat(XLEN + 4, h.ylen).putFloat(XLEN + 8, h.zlen);
        b.putFloat(ALPHA, h.alpha).putFloat(ALPHA + 4, h.beta).putFloat(ALPHA + 8, h.gamma);
        b.putInt(MAPC, h.mapc).putInt(MAPC + 4, h.mapr).putInt(MAPC + 8, h.maps);
        b.putFloat(DMIN, h.dmin).putFloat(DMIN + 4, h.dmax).putFloat(DMIN + 8, h.dmean);
        b.putInt(ISPG, h.ispg).putInt(NSYMBT, h.nsymbt);
        putAscii(b, EXTTYP, h.exttyp, 4, (byte) 0);
        b.putInt(NVERSION, h.nversion);
        b.putShort(NINT, h.nint).putShort(NREAL, h.nreal);
        b.putInt(IMOD_STAMP, h.imodStamp).putInt(IMOD_FLAGS, h.imodFlags);
        b.putFloat(ORIGIN, h.originX).putFloat(ORIGIN + 4, h.originY).putFloat(ORIGIN + 8, h.originZ);
        putAscii(b, MAP, "MAP ", 4, (byte) ' ');
        // The stamp always describes the order we actually write, whatever the header said before.
        int stamp = h.byteOrder == ByteOrder.LITTLE_ENDIAN ? STAMP_LITTLE : STAMP_BIG;
        b.order(ByteOrder.BIG_ENDIAN).putInt(MACHST, stamp).order(h.byteOrder);
        b.putFloat(RMS, h.rms);
        int n = Math.min(h.labels.size(), MAX_LABELS);
        b.putInt(NLABL, n);
        for (int i = 0; i < n; i++) putAscii(b, LABELS + i * LABEL_LENGTH, h.labels.get(i), LABEL_LENGTH, (byte) ' ');
        return b;
    }

    private static void putAscii(ByteBuffer b, int offset, String s, int length, byte pad) {
        byte[] bytes = s.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < length; i++) b.put(offset + i, i < bytes.length ? bytes[i] : pad);
    }
}
