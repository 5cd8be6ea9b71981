package org.subtomo.core.io.mrc;

import java.nio.ByteOrder;
import java.util.List;

/**
 * The 1024-byte MRC2014 main header, immutable. Field names follow the MRC2014 specification
 * (and IMOD's {@code nint}/{@code nreal}/{@code imodStamp} where IMOD reuses the "extra" bytes).
 * Build one with {@link #builder()} or change a read one with {@link #toBuilder()}.
 *
 * <p>Units: cell lengths and origin in Å; pixel size = cell length / sampling ({@code xlen/mx}).
 */
public final class MrcHeader {
    /** Size of the main header; the extended header (nsymbt bytes) follows, then the data. */
    public static final int SIZE = 1024;
    public static final int MRC2014_VERSION = 20140;
    /** Space groups: 0 image or image stack, 1 single volume, 401 stack of volumes (MRC2014). */
    public static final int ISPG_IMAGE_STACK = 0, ISPG_VOLUME = 1, ISPG_VOLUME_STACK = 401;
    /** IMOD writes this in bytes 152-155 ('IMOD'); its flags word then says whether mode-0 bytes are signed. */
    public static final int IMOD_STAMP = 1146047817;

    /** How the byte order was decided: from a valid machine stamp, or guessed from nx/mode. */
    public enum OrderSource { MACHINE_STAMP, INFERRED }

    public final int nx, ny, nz;
    public final MrcMode mode;
    public final int nxstart, nystart, nzstart;
    public final int mx, my, mz;
    public final float xlen, ylen, zlen;
    public final float alpha, beta, gamma;
    public final int mapc, mapr, maps;
    public final float dmin, dmax, dmean;
    public final int ispg;
    public final int nsymbt;
    public final String exttyp;
    public final int nversion;
    public final short nint, nreal;
    public final int imodStamp, imodFlags;
    public final float originX, originY, originZ;
    public final String map;
    public final int machineStamp;
    public final float rms;
    public final List<String> labels;
    public final ByteOrder byteOrder;
    public final OrderSource orderSource;

    private MrcHeader(Builder b) {
        nx = b.nx; ny = b.ny; nz = b.nz; mode = b.mode;
        nxstart = b.nxstart; nystart = b.nystart; nzstart = b.nzstart;
        mx = b.mx; my = b.my; mz = b.mz;
        xlen = b.xlen; ylen = b.ylen; zlen = b.zlen;
        alpha = b.alpha; beta = b.beta; gamma = b.gamma;
        mapc = b.mapc; mapr = b.mapr; maps = b.maps;
        dmin = b.dmin; dmax = b.dmax; dmean = b.dmean;
        ispg = b.ispg; nsymbt = b.nsymbt; exttyp = b.exttyp; nversion = b.nversion;
        nint = b.nint; nreal = b.nreal; imodStamp = b.imodStamp; imodFlags = b.imodFlags;
        originX = b.originX; originY = b.originY; originZ = b.originZ;
        map = b.map; machineStamp = b.machineStamp; rms = b.rms;
        labels = List.copyOf(b.labels);
        byteOrder = b.byteOrder; orderSource = b.orderSource;
    }

    public static Builder builder() { return new Builder(); }
    public Builder toBuilder() { return new Builder(this); }

    /** Pixel (voxel) size along X in Å, 0 when the header does not say ({@code mx} or {@code xlen} zero). */
    public double pixelSize() { return mx > 0 ? (double) xlen / mx : 0; }
    public double pixelSizeY() { return my > 0 ? (double) ylen / my : 0; }
    public double pixelSizeZ() { return mz > 0 ? (double) zlen / mz : 0; }

    /** Byte offset of the first voxel. */
    public long dataOffset() { return SIZE + (long) nsymbt; }
    public long voxelCount() { return (long) nx * ny * nz; }
    public long sectionBytes() { return (long) nx * ny * mode.bytesPerVoxel; }
    public long dataBytes() { return voxelCount() * mode.bytesPerVoxel; }
    /** Smallest file length that holds every voxel the header promises. */
    public long expectedFileLength() { return dataOffset() + dataBytes(); }

    /**
     * Mode-0 bytes are signed (MRC2014) unless IMOD stamped the file without its "signed bytes"
     * flag (bit 0): IMOD before 4.2.23 wrote unsigned bytes.
     */
    public boolean signedBytes() { return imodStamp != IMOD_STAMP || (imodFlags & 1) != 0; }

    /** A stack of volumes (ispg 401): {@code nz/mz} volumes of {@code mz} sections each. */
    public boolean isVolumeStack() { return ispg == ISPG_VOLUME_STACK && mz > 0 && mz < nz && nz % mz == 0; }
    /** Sections per image: {@code mz} for a volume stack, else 1 (each section is one image). */
    public int imageDepth() { return isVolumeStack() ? mz : 1; }
    public int imageCount() { return nz / imageDepth(); }

    public static final class Builder {
        private int nx = 1, ny = 1, nz = 1;
        private MrcMode mode = MrcMode.FLOAT32;
        private int nxstart, nystart, nzstart;
        private int mx = 1, my = 1, mz = 1;
        private float xlen = 1, ylen = 1, zlen = 1;
        private float alpha = 90, beta = 90, gamma = 90;
        private int mapc = 1, mapr = 2, maps = 3;
        private float dmin, dmax, dmean;
        private int ispg = ISPG_VOLUME;
        private int nsymbt;
        private String exttyp = "";
        private int nversion = MRC2014_VERSION;
        private short nint, nreal;
        private int imodStamp, imodFlags;
        private float originX, originY, originZ;
        private String map = "MAP ";
        private int machineStamp = 0x44440000;
        private float rms;
        private List<String> labels = List.of();
        private ByteOrder byteOrder = ByteOrder.LITTLE_ENDIAN;
        private OrderSource orderSource = OrderSource.MACHINE_STAMP;

        private Builder() {}
        private Builder(MrcHeader h) {
            nx = h.nx; ny = h.ny; nz = h.nz; mode = h.mode;
            nxstart = h.nxstart; nystart = h.nystart; nzstart = h.nzstart;
            mx = h.mx; my = h.my; mz = h.mz; xlen = h.xlen; ylen = h.ylen; zlen = h.zlen;
            alpha = h.alpha; beta = h.beta; gamma = h.gamma; mapc = h.mapc; mapr = h.mapr; maps = h.maps;
            dmin = h.dmin; dmax = h.dmax; dmean = h.dmean; ispg = h.ispg; nsymbt = h.nsymbt;
            exttyp = h.exttyp; nversion = h.nversion; nint = h.nint; nreal = h.nreal;
            imodStamp = h.imodStamp; imodFlags = h.imodFlags;
            originX = h.originX; originY = h.originY; originZ = h.originZ; map = h.map;
            machineStamp = h.machineStamp; rms = h.rms; labels = h.labels;
            byteOrder = h.byteOrder; orderSource = h.orderSource;
        }

        public Builder size(int nx, int ny, int nz) { this.nx = nx; this.ny = ny; this.nz = nz; return this; }
        public Builder mode(MrcMode m) { mode = m; return this; }
        public Builder start(int x, int y, int z) { nxstart = x; nystart = y; nzstart = z; return this; }
        public Builder sampling(int x, int y, int z) { mx = x; my = y; mz = z; return this; }
        public Builder cell(float x, float y, float z) { xlen = x; ylen = y; zlen = z; return this; }
        public Builder cellAngles(float a, float b, float g) { alpha = a; beta = b; gamma = g; return this; }
        public Builder axes(int c, int r, int s) { mapc = c; mapr = r; maps = s; return this; }
        public Builder statistics(float min, float max, float mean, float rms) { dmin = min; dmax = max; dmean = mean; this.rms = rms; return this; }
        public Builder ispg(int v) { ispg = v; return this; }
        public Builder extended(int nsymbt, String exttyp) { this.nsymbt = nsymbt; this.exttyp = exttyp; return this; }
        public Builder nversion(int v) { nversion = v; return this; }
        public Builder nintNreal(short nint, short nreal) { this.nint = nint; this.nreal = nreal; return this; }
        public Builder imod(int stamp, int flags) { imodStamp = stamp; imodFlags = flags; return this; }
        public Builder origin(float x, float y, float z) { originX = x; originY = y; originZ = z; return this; }
        public Builder map(String tag) { map = tag; return this; }
        public Builder machineStamp(int v) { machineStamp = v; return this; }
        public Builder labels(List<String> l) { labels = l; return this; }
        public Builder byteOrder(ByteOrder o, OrderSource src) { byteOrder = o; orderSource = src; return this; }

        public MrcHeader build() { return new MrcHeader(this); }
    }
}
