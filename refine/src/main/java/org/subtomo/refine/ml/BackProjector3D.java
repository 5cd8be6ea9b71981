package org.subtomo.refine.ml;

import org.subtomo.core.fft.Fft;
import org.subtomo.core.fourier.FourierShift;
import org.subtomo.core.geom.Matrix3;
import org.subtomo.core.geom.SymmetryGroup;
import org.subtomo.core.grid.FourierGrid;
import org.subtomo.core.grid.RealGrid;

import java.util.List;

/**
 * M-step accumulator of one 3D reference on a pad×-finer Fourier half grid (RELION's BackProjector
 * with backrotate3D): data Σ w·CTF·X/σ² and weight Σ w·CTF²/σ², each particle-frame component k
 * splatted trilinearly at pad·Aᵀk (conjugated when folded to kx ≥ 0). Sub-tomogram voxels in the
 * missing wedge have CTF = 0 and add nothing, which is how the wedge is compensated.
 *
 * <p>{@link #reconstruct} is the Wiener/MAP estimate V = data/(weight + 1/(pad³·T·τ²)); without τ²
 * (unfiltered half maps, the de novo start) it is data/max(weight, shell mean/1000), RELION's rule.
 * Data and weight share the interpolation kernel, so their quotient needs no gridding correction.
 */
public final class BackProjector3D {
    public final int n, pad, p, hp;
    final double[] data;    // interleaved, hp·p·p
    final double[] weight;

    public BackProjector3D(int n, int pad) {
        this.n = n; this.pad = pad; this.p = pad * n; this.hp = p / 2 + 1;
        data = new double[2 * hp * p * p];
        weight = new double[hp * p * p];
    }

    private int index(int x, int y, int z) { return x + hp * (Math.floorMod(y, p) + p * Math.floorMod(z, p)); }

    /**
     * Adds particle-frame sums d (2m, interleaved) and w (m) on components 0..m−1, taken at orientation A. The M-step's
     * hot loop: the eight corners' rows are wrapped once per component (no floorMod per corner) and the corner
     * loops are unrolled; each voxel still receives the same products in the same order as the plain loop.
     */
    public void insert(Matrix3 a, FourierComponents3D comp, int m, double[] d, double[] w) {
        double b00 = pad * a.m00(), b01 = pad * a.m10(), b02 = pad * a.m20();
        double b10 = pad * a.m01(), b11 = pad * a.m11(), b12 = pad * a.m21();
        double b20 = pad * a.m02(), b21 = pad * a.m12(), b22 = pad * a.m22();
        int[] kxs = comp.kx, kys = comp.ky, kzs = comp.kz;
        double[] dat = data, wgt = weight;
        for (int i = 0; i < m; i++) {
            double re = d[2 * i], im = d[2 * i + 1], wt = w[i];
            if (re == 0 && im == 0 && wt == 0) continue;   // a missing-wedge component: adding zeros changes nothing
            double kx = kxs[i], ky = kys[i], kz = kzs[i];
            double x = b00 * kx + b01 * ky + b02 * kz;
            double y = b10 * kx + b11 * ky + b12 * kz;
            double z = b20 * kx + b21 * ky + b22 * kz;
            if (x < 0) { x = -x; y = -y; z = -z; im = -im; }
            int x0 = (int) x, y0 = (int) Math.floor(y), z0 = (int) Math.floor(z);
            double fx = x - x0, fy = y - y0, fz = z - z0;
            int ya = y0 < 0 ? y0 + p : y0, yb = ya + 1 == p ? 0 : ya + 1;
            int za = z0 < 0 ? z0 + p : z0, zb = za + 1 == p ? 0 : za + 1;
            boolean x1In = x0 + 1 < hp;
            double gz = 1 - fz, gy = 1 - fy, gx = 1 - fx;
            splat(dat, wgt, x0 + hp * (ya + p * za), gz * gy, gx, fx, x1In, re, im, wt);
            splat(dat, wgt, x0 + hp * (yb + p * za), gz * fy, gx, fx, x1In, re, im, wt);
            splat(dat, wgt, x0 + hp * (ya + p * zb), fz * gy, gx, fx, x1In, re, im, wt);
            splat(dat, wgt, x0 + hp * (yb + p * zb), fz * fy, gx, fx, x1In, re, im, wt);
        }
    }

    /** One (y, z) row of a trilinear splat: voxels j and j + 1 get weights wyz·gx and wyz·fx. */
    private static void splat(double[] dat, double[] wgt, int j, double wyz, double gx, double fx, boolean x1In,
                              double re, double im, double wt) {
        double f = wyz * gx;
        if (f != 0) { dat[2 * j] += f * re; dat[2 * j + 1] += f * im; wgt[j] += f * wt; }
        f = wyz * fx;
        if (f != 0 && x1In) { dat[2 * j + 2] += f * re; dat[2 * j + 3] += f * im; wgt[j + 1] += f * wt; }
    }

    /**
     * The accumulators themselves (layout {@code x + hp·(y + p·z)}, data interleaved), for callers that insert
     * with trilinear stencils they precompute once (class3d's fixed poses); they must keep the layout.
     */
    public double[] dataArray() { return data; }
    public double[] weightArray() { return weight; }

    public void add(BackProjector3D o) {
        for (int q = 0; q < data.length; q++) data[q] += o.data[q];
        for (int q = 0; q < weight.length; q++) weight[q] += o.weight[q];
    }

    /** Back to all zeros, for reuse. */
    public void clear() {
        java.util.Arrays.fill(data, 0);
        java.util.Arrays.fill(weight, 0);
    }

    public BackProjector3D copy() {
        BackProjector3D c = new BackProjector3D(n, pad);
        System.arraycopy(data, 0, c.data, 0, data.length);
        System.arraycopy(weight, 0, c.weight, 0, weight.length);
        return c;
    }

    /** Both members of a Hermitian pair on the kx = 0 plane were accumulated separately: merge them (once, after the E-step). */
    public void enforceHermitian() {
        for (int z = 0; z < p; z++) for (int y = 0; y < p; y++) {
            int a = hp * (y + p * z), b = hp * (Math.floorMod(-y, p) + p * Math.floorMod(-z, p));
            if (b <= a) continue;
            double re = data[2 * a] + data[2 * b], im = data[2 * a + 1] - data[2 * b + 1], w = weight[a] + weight[b];
            data[2 * a] = re; data[2 * a + 1] = im; weight[a] = w;
            data[2 * b] = re; data[2 * b + 1] = -im; weight[b] = w;
        }
    }

    /** Imposes the point group: data and weight become the sums of their samples at R·q over all operators R. */
    public void symmetrise(SymmetryGroup group, int maxShell) {
        List<Matrix3> ops = group.operators();
        if (ops.size() <= 1) return;
        double[] d0 = data.clone(), w0 = weight.clone();
        double rmax = pad * (maxShell + 1.0), r2 = rmax * rmax;
        double[] v = new double[3];
        for (int z = 0; z < p; z++) {
            int fz = z <= p / 2 ? z : z - p;
            for (int y = 0; y < p; y++) {
                int fy = y <= p / 2 ? y : y - p;
                for (int x = 0; x < hp; x++) {
                    if ((double) x * x + (double) fy * fy + (double) fz * fz > r2) continue;
                    int j = x + hp * (y + p * z);
                    for (Matrix3 r : ops) {
                        if (r == ops.get(0)) continue;   // identity is first: already in data
                        sample(d0, w0, r.m00() * x + r.m01() * fy + r.m02() * fz, r.m10() * x + r.m11() * fy + r.m12() * fz,
                                r.m20() * x + r.m21() * fy + r.m22() * fz, v);
                        data[2 * j] += v[0]; data[2 * j + 1] += v[1]; weight[j] += v[2];
                    }
                }
            }
        }
    }

    private void sample(double[] d, double[] w, double x, double y, double z, double[] out) {
        boolean conj = x < 0;
        if (conj) { x = -x; y = -y; z = -z; }
        int x0 = (int) Math.floor(x), y0 = (int) Math.floor(y), z0 = (int) Math.floor(z);
        double fx = x - x0, fy = y - y0, fz = z - z0, re = 0, im = 0, wt = 0;
        for (int dz = 0; dz < 2; dz++) for (int dy = 0; dy < 2; dy++) for (int dx = 0; dx < 2; dx++) {
            double f = (dz == 0 ? 1 - fz : fz) * (dy == 0 ? 1 - fy : fy) * (dx == 0 ? 1 - fx : fx);
            if (f == 0) continue;
            int xx = x0 + dx, yy = y0 + dy, zz = z0 + dz;
            double s = 1;
            if (xx >= hp) { xx = p - xx; yy = -yy; zz = -zz; s = -1; }
            int j = index(xx, yy, zz);
            re += f * d[2 * j]; im += f * s * d[2 * j + 1]; wt += f * w[j];
        }
        out[0] = re; out[1] = conj ? -im : im; out[2] = wt;
    }

    private int shellOf(int x, int fy, int fz) { return (int) Math.round(Math.sqrt((double) x * x + (double) fy * fy + (double) fz * fz) / pad); }

    /** Mean weight per shell 0..maxShell over the padded voxels of the shell. */
    public double[] meanWeight(int maxShell) {
        double[] s = new double[maxShell + 1];
        long[] c = new long[maxShell + 1];
        forEach(maxShell, (j, sh) -> { s[sh] += weight[j]; c[sh]++; });
        for (int i = 0; i <= maxShell; i++) s[i] = c[i] > 0 ? s[i] / c[i] : 0;
        return s;
    }

    private interface VoxelVisitor { void visit(int j, int shell); }

    private void forEach(int maxShell, VoxelVisitor v) {
        for (int z = 0; z < p; z++) {
            int fz = z <= p / 2 ? z : z - p;
            if (Math.abs(fz) > pad * (maxShell + 1)) continue;
            for (int y = 0; y < p; y++) {
                int fy = y <= p / 2 ? y : y - p;
                for (int x = 0; x < hp; x++) {
                    int sh = shellOf(x, fy, fz);
                    if (sh <= maxShell) v.visit(x + hp * (y + p * z), sh);
                }
            }
        }
    }

    /**
     * FSC per shell (0..maxShell, FSC(0) = 1) between the unregularised estimates of two accumulators: the
     * gold-standard FSC of two half sets. As RELION's getDownsampledAverage, data and weight are first summed
     * from the padded grid onto the original one (padded voxel q → round(q/pad)), so each estimate
     * Σdata/Σweight pools a pad³ neighbourhood instead of dividing by the small weights at the edges of
     * the interpolation kernels, which would make the FSC noisy and biased low.
     */
    public static double[] fsc(BackProjector3D a, BackProjector3D b, int maxShell) {
        double[][] da = a.downsampled(maxShell), db = b.downsampled(maxShell);
        double[] num = new double[maxShell + 1], pa = new double[maxShell + 1], pb = new double[maxShell + 1];
        int n = a.n, hx = n / 2 + 1;
        for (int z = 0; z < n; z++) {
            int fz = z <= n / 2 ? z : z - n;
            for (int y = 0; y < n; y++) {
                int fy = y <= n / 2 ? y : y - n;
                for (int x = 0; x < hx; x++) {
                    int sh = FourierComponents3D.shellOf(x, fy, fz);
                    if (sh > maxShell) continue;
                    int j = x + hx * (y + n * z);
                    double wa = da[1][j], wb = db[1][j];
                    if (wa <= 0 || wb <= 0) continue;
                    double ar = da[0][2 * j] / wa, ai = da[0][2 * j + 1] / wa, br = db[0][2 * j] / wb, bi = db[0][2 * j + 1] / wb;
                    num[sh] += ar * br + ai * bi;
                    pa[sh] += ar * ar + ai * ai;
                    pb[sh] += br * br + bi * bi;
                }
            }
        }
        double[] f = new double[maxShell + 1];
        f[0] = 1;
        for (int s = 1; s <= maxShell; s++) f[s] = pa[s] > 0 && pb[s] > 0 ? num[s] / Math.sqrt(pa[s] * pb[s]) : 0;
        return f;
    }

    /** {data (interleaved), weight} summed onto the N³ half grid (kx ≥ 0 kept by the rounding). */
    private double[][] downsampled(int maxShell) {
        int hx = n / 2 + 1;
        double[] d = new double[2 * hx * n * n], w = new double[hx * n * n];
        for (int z = 0; z < p; z++) {
            int fz = z <= p / 2 ? z : z - p;
            int oz = (int) Math.round((double) fz / pad);
            if (Math.abs(oz) > maxShell + 1) continue;
            for (int y = 0; y < p; y++) {
                int fy = y <= p / 2 ? y : y - p;
                int oy = (int) Math.round((double) fy / pad);
                if (Math.abs(oy) > maxShell + 1) continue;
                for (int x = 0; x < hp; x++) {
                    int ox = (int) Math.round((double) x / pad);
                    if (ox > maxShell + 1 || ox >= hx) continue;
                    int j = x + hp * (y + p * z), o = ox + hx * (Math.floorMod(oy, n) + n * Math.floorMod(oz, n));
                    d[2 * o] += data[2 * j]; d[2 * o + 1] += data[2 * j + 1]; w[o] += weight[j];
                }
            }
        }
        return new double[][]{d, w};
    }

    /** τ² from a gold-standard FSC: SSNR = FSC/(1 − FSC) (FSC clipped to [0.001, 0.999]) times σ²_rec = 1/(pad³·mean weight). */
    public double[] tau2FromFsc(double[] fsc, int maxShell) {
        double[] mw = meanWeight(maxShell);
        double[] t = new double[maxShell + 1];
        double p3 = (double) pad * pad * pad;
        for (int s = 1; s <= maxShell && s < fsc.length; s++) {
            double f = Math.min(0.999, Math.max(0.001, fsc[s]));
            t[s] = mw[s] > 0 ? f / (1 - f) / (p3 * mw[s]) : 0;
        }
        return t;
    }

    /** The N³ map and its SSNR^MAP per shell. */
    public record Result(RealGrid map, double[] ssnr) {}

    /**
     * V = data/(weight + 1/(pad³·T·τ²(ℓ))) for shells ≤ maxShell, zero beyond; tau2 == null (or a zero
     * τ²) gives the unregularised data/max(weight, shell mean/1000).
     */
    public Result reconstruct(double[] tau2, double tau2Fudge, int maxShell) {
        double[] mw = meanWeight(maxShell);
        double p3 = (double) pad * pad * pad;
        double scale = (double) n * n * n;
        FourierGrid f = new FourierGrid(p, p, p);
        double[] ssnrSum = new double[maxShell + 1];
        long[] cnt = new long[maxShell + 1];
        forEach(maxShell, (j, sh) -> {
            double t2 = tau2 != null && sh < tau2.length ? tau2[sh] : 0;
            double wt = weight[j];
            double denom;
            if (t2 > 1e-30) {
                denom = wt + 1.0 / (p3 * tau2Fudge * t2);
                ssnrSum[sh] += wt * p3 * tau2Fudge * t2;
            } else denom = Math.max(wt, mw[sh] / 1000);
            cnt[sh]++;
            if (denom <= 0) return;
            f.data[2 * j] = (float) (scale * data[2 * j] / denom);
            f.data[2 * j + 1] = (float) (scale * data[2 * j + 1] / denom);
        });
        FourierShift.originToCentre(f);
        RealGrid big = Fft.inverse(f);
        RealGrid out = RealGrid.cube(n);
        int off = p / 2 - n / 2;
        for (int z = 0; z < n; z++) for (int y = 0; y < n; y++) for (int x = 0; x < n; x++)
            out.set(x, y, z, big.get(x + off, y + off, z + off));
        double[] ssnr = new double[maxShell + 1];
        for (int s = 0; s <= maxShell; s++) ssnr[s] = cnt[s] > 0 ? ssnrSum[s] / cnt[s] : 0;
        return new Result(out, ssnr);
    }
}
