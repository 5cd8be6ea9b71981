package org.subtomo.core.io.mrc;

import java.nio.ByteOrder;
import java.util.List;

/**
 * How to write an MRC file. Defaults: float32, 1 Å pixels, origin 0, little endian, one label.
 * Integer modes round to nearest and clamp to the type's range; float16 keeps ~3 digits.
 *
 * @param pixelSize Å per voxel, stored as cell = pixelSize * sampling
 * @param originX   MRC2014 origin (Å), the real-space position of voxel 0
 */
public record MrcWriteOptions(MrcMode mode, double pixelSize, float originX, float originY, float originZ,
                              ByteOrder byteOrder, List<String> labels) {
    public static final String DEFAULT_LABEL = "subtomo";

    public MrcWriteOptions {
        if (!(pixelSize >= 0) || Double.isInfinite(pixelSize)) throw new IllegalArgumentException("pixel size must be >= 0 Å: " + pixelSize);
        labels = List.copyOf(labels);
        if (labels.size() > 10) throw new IllegalArgumentException("an MRC header holds at most 10 labels, got " + labels.size());
    }

    public static MrcWriteOptions defaults() {
        return new MrcWriteOptions(MrcMode.FLOAT32, 1.0, 0, 0, 0, ByteOrder.LITTLE_ENDIAN, List.of(DEFAULT_LABEL));
    }

    public static MrcWriteOptions pixelSize(double angstrom) { return defaults().withPixelSize(angstrom); }

    public MrcWriteOptions withMode(MrcMode m) { return new MrcWriteOptions(m, pixelSize, originX, originY, originZ, byteOrder, labels); }
    public MrcWriteOptions withPixelSize(double a) { return new MrcWriteOptions(mode, a, originX, originY, originZ, byteOrder, labels); }
    public MrcWriteOptions withOrigin(float x, float y, float z) { return new MrcWriteOptions(mode, pixelSize, x, y, z, byteOrder, labels); }
    public MrcWriteOptions withByteOrder(ByteOrder o) { return new MrcWriteOptions(mode, pixelSize, originX, originY, originZ, o, labels); }
    public MrcWriteOptions withLabels(List<String> l) { return new MrcWriteOptions(mode, pixelSize, originX, originY, originZ, byteOrder, l); }
}
