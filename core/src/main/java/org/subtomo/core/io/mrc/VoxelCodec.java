package org.subtomo.core.io.mrc;

import java.nio.ByteBuffer;

/**
 * Converts between stored voxels of one {@link MrcMode} and floats. The buffer's byte order is
 * the file's; integer modes are rounded to nearest and clamped on encoding so that writing a float
 * map as int16 never wraps around.
 */
final class VoxelCodec {
    private final MrcMode mode;
    private final boolean signedBytes;

    VoxelCodec(MrcMode mode, boolean signedBytes) { this.mode = mode; this.signedBytes = signedBytes; }

    /** Reads {@code n} voxels from {@code src} (relative get) into {@code dst[off..off+n)}. */
    void decode(ByteBuffer src, float[] dst, int off, int n) {
        switch (mode) {
            case FLOAT32 -> src.asFloatBuffer().get(dst, off, n);
            case INT16 -> { for (int i = 0; i < n; i++) dst[off + i] = src.getShort(src.position() + 2 * i); }
            case UINT16 -> { for (int i = 0; i < n; i++) dst[off + i] = Short.toUnsignedInt(src.getShort(src.position() + 2 * i)); }
            case FLOAT16 -> { for (int i = 0; i < n; i++) dst[off + i] = Float.float16ToFloat(src.getShort(src.position() + 2 * i)); }
            case INT8 -> {
                int p = src.position();
                if (signedBytes) for (int i = 0; i < n; i++) dst[off + i] = src.get(p + i);
                else for (int i = 0; i < n; i++) dst[off + i] = Byte.toUnsignedInt(src.get(p + i));
            }
        }
        src.position(src.position() + n * mode.bytesPerVoxel);
    }

    /**
     * Writes {@code n} voxels of {@code src[off..)} to {@code dst} (relative put) and returns, in
     * {@code stored}, the values as they will read back (after rounding), for the header statistics.
     */
    void encode(float[] src, int off, int n, ByteBuffer dst, MrcStatistics stored) {
        switch (mode) {
            case FLOAT32 -> { for (int i = 0; i < n; i++) { float v = src[off + i]; dst.putFloat(v); stored.add(v); } }
            case FLOAT16 -> {
                for (int i = 0; i < n; i++) {
                    short h = Float.floatToFloat16(src[off + i]);
                    dst.putShort(h); stored.add(Float.float16ToFloat(h));
                }
            }
            case INT16 -> { for (int i = 0; i < n; i++) { int v = quantise(src[off + i], Short.MIN_VALUE, Short.MAX_VALUE); dst.putShort((short) v); stored.add(v); } }
            case UINT16 -> { for (int i = 0; i < n; i++) { int v = quantise(src[off + i], 0, 65535); dst.putShort((short) v); stored.add(v); } }
            case INT8 -> { for (int i = 0; i < n; i++) { int v = quantise(src[off + i], Byte.MIN_VALUE, Byte.MAX_VALUE); dst.put((byte) v); stored.add(v); } }
        }
    }

    private static int quantise(float v, int lo, int hi) {
        if (Float.isNaN(v)) return 0;
        return (int) Math.clamp(Math.round((double) v), lo, hi);
    }
}
