package org.subtomo.sim;

import org.subtomo.core.error.InputException;
import org.subtomo.core.fourier.FourierResize;
import org.subtomo.core.geom.Euler;
import org.subtomo.core.grid.RealGrid;
import org.subtomo.core.io.imod.CoordsFile;
import org.subtomo.core.io.imod.OrderFile;
import org.subtomo.core.io.imod.TiltFile;
import org.subtomo.core.io.mrc.MrcReader;
import org.subtomo.core.io.mrc.MrcWriteOptions;
import org.subtomo.core.io.mrc.MrcWriter;
import org.subtomo.core.io.star.StarFile;
import org.subtomo.core.io.star.StarTable;
import org.subtomo.core.io.star.StarWriter;
import org.subtomo.core.progress.Progress;
import org.subtomo.sim.model.AtomicModel;
import org.subtomo.sim.model.AtomicModelReader;
import org.subtomo.sim.model.DensityRenderer;
import org.subtomo.sim.sample.JunkMaps;
import org.subtomo.sim.sample.SampleLayout;
import org.subtomo.sim.sample.Species;
import org.subtomo.sim.sample.TiltScheme;
import org.subtomo.sim.tilt.Optics;
import org.subtomo.sim.tilt.TiltImageCtf;
import org.subtomo.sim.tilt.TiltSeriesSimulator;
import org.subtomo.sim.tomo.WeightedBackProjection;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * {@code subtomo simulate}: writes a complete project in the protocol's input layout (steps 1-7)
 * plus {@code truth/} — the ground truth every later stage is scored against.
 *
 * <pre>
 * all_tomograms.star
 * Tomograms/tomoNN/tomoNN.mrc     WBP tomogram (particles dark, as from real data)
 * Tomograms/tomoNN/tomoNN.mrcs    aligned tilt series, raw counts, ascending tilt
 * Tomograms/tomoNN/tomoNN.tlt     tilt angles in stack order
 * Tomograms/tomoNN/tomoNN.order   tilt and accumulated dose before each image, in acquisition order
 * Tomograms/tomoNN/tomoNN.coords  particle + junk centres (pixels), as a template matcher lists them
 * truth/class001.mrc ...          true maps at --angpix in a --box box (one per conformation)
 * truth/particles.star            every object: tomogram, coordinates, Euler angles, class, kind
 * Tomograms/tomoNN/tomoNN.trial   (--trials) two ice-only images per tilt at its defocus ∓ offset, stack order
 * truth/tilts.star                per tilt image: tilt, prior dose, defocus U/V/angle at the centre
 * truth/trials.star               (--trials) per trial image: tilt, defocus U/V/angle, dose
 * truth/simulation.star           the parameters of this run
 * </pre>
 */
public final class ProjectSimulator {
    private ProjectSimulator() {}

    /** Summary of a run, for the command line and the demo's report. */
    public record Summary(Path project, int tomograms, int particles, int junk, List<Path> truthMaps, double seconds) {}

    public static Summary run(SimulationParameters p, Path out, PrintStream log) {
        p.validate();
        long t0 = System.nanoTime();
        if (Files.exists(out.resolve("Tomograms")) || Files.exists(out.resolve("all_tomograms.star")))
            throw new InputException(out + ": already holds a project (Tomograms/ or all_tomograms.star); choose a new --o or remove it");
        try {
            Files.createDirectories(out.resolve("truth"));
        } catch (IOException e) {
            throw new InputException(out + ": cannot create the project directory: " + e.getMessage());
        }
        Optics optics = new Optics(p.voltage(), p.cs(), p.q(), p.pixelSize());

        // 1. Structures: the conformations (truth maps and projection maps) and the junk.
        List<RealGrid> truthMaps = new ArrayList<>();
        List<Double> radiiPx = new ArrayList<>();
        int patch = patchBox(p);
        List<Species> species = new ArrayList<>();
        if (p.model() != null && p.model().getFileName().toString().toLowerCase(Locale.ROOT).matches(".*\\.(mrc|map)$")) {
            RealGrid map = readMap(p.model(), p.pixelSize());
            truthMaps.add(FourierResize.resize(map, p.box(), p.box(), p.box()));
            species.add(new Species("map", SampleLayout.Kind.PARTICLE, 1, FourierResize.resize(map, patch, patch, patch), map.nx * 0.4));
            radiiPx.add(map.nx * 0.4);
            if (p.secondFraction() > 0) throw new InputException("--second_fraction needs an atomic model (to remove chains), not a map; set it to 0");
        } else {
            AtomicModel full = (p.model() == null ? AtomicModelReader.builtIn("2XHE.pdb.gz") : AtomicModelReader.read(p.model())).withoutWater();
            List<AtomicModel> conformations = new ArrayList<>(List.of(full));
            if (p.secondFraction() > 0) {
                Set<String> remove = Set.of(p.removeChains().split(","));
                if (!full.chains().containsAll(remove))
                    throw new InputException("--remove_chains " + p.removeChains() + ": the model has chains " + full.chains());
                conformations.add(full.withoutChains(remove));
            }
            double[] centre = full.centre();
            double radius = full.radius() / p.pixelSize();
            if (2 * radius > p.box())
                log.printf(Locale.ROOT, "warning: the particle (%.0f px across) is larger than --box %d; use a box of ~1.5-2x its size%n", 2 * radius, p.box());
            for (int c = 0; c < conformations.size(); c++) {
                AtomicModel m = conformations.get(c);
                DensityRenderer.Result truth = DensityRenderer.render(m, centre, p.pixelSize(), p.box(), p.bFactor());
                if (!truth.skippedElements().isEmpty()) log.println("note: atoms of untabulated elements left out: " + truth.skippedElements());
                truthMaps.add(truth.map());
                species.add(new Species(m.name(), SampleLayout.Kind.PARTICLE, c + 1,
                        DensityRenderer.render(m, centre, p.pixelSize(), patch, p.bFactor()).map(), radius));
                radiiPx.add(radius);
            }
        }
        double goldR = 50 / p.pixelSize(), iceR = 80 / p.pixelSize();
        int goldIndex = species.size();
        species.add(new Species("gold", SampleLayout.Kind.GOLD, 0, JunkMaps.gold(patch, goldR), goldR));
        int iceIndex = species.size();
        species.add(new Species("ice", SampleLayout.Kind.ICE, 0, JunkMaps.ice(patch, iceR), iceR));

        List<Path> truthFiles = new ArrayList<>();
        for (int c = 0; c < truthMaps.size(); c++) {
            Path f = out.resolve("truth").resolve(String.format(Locale.ROOT, "class%03d.mrc", c + 1));
            MrcWriter.write(f, truthMaps.get(c), MrcWriteOptions.pixelSize(p.pixelSize()).withLabels(List.of("subtomo simulate: ground truth, " + species.get(c).name())));
            truthFiles.add(f);
        }

        // 2. Tomograms.
        TiltScheme scheme = TiltScheme.of(p.scheme(), p.tiltMax(), p.tiltStep(), p.dosePerTilt());
        StarTable allTomos = StarTable.loop("rlnMicrographName");
        StarTable truthParticles = StarTable.loop("rlnMicrographName", "rlnCoordinateX", "rlnCoordinateY", "rlnCoordinateZ",
                "rlnAngleRot", "rlnAngleTilt", "rlnAnglePsi", "rlnClassNumber", "subtomoObjectKind", "subtomoCoordsLine");
        StarTable truthTilts = StarTable.loop("rlnMicrographName", "rlnTomoName", "rlnAngleTilt", "rlnMicrographPreExposure",
                "subtomoAcquisitionIndex", "rlnDefocusU", "rlnDefocusV", "rlnDefocusAngle");
        StarTable truthTrials = StarTable.loop("rlnMicrographName", "rlnTomoName", "rlnAngleTilt", "rlnDefocusU", "rlnDefocusV",
                "rlnDefocusAngle", "subtomoTrialDose");
        int nParticles = 0, nJunk = 0;
        double thicknessPx = p.thickness() / p.pixelSize();
        try (Progress progress = Progress.start("simulate: tomograms", p.tomograms())) {
            for (int t = 0; t < p.tomograms(); t++) {
                String name = String.format(Locale.ROOT, "tomo%02d", t + 1);
                SplittableRandom rng = new SplittableRandom(p.seed() * 7919 + t);
                int n2 = (int) Math.round(p.particles() * p.secondFraction());
                int[] counts = radiiPx.size() == 1 ? new int[]{p.particles()} : new int[]{p.particles() - n2, n2};
                List<SampleLayout.Placed> objects = SampleLayout.place(p.tomoXY(), p.tomoXY(), p.tomoZ(), thicknessPx, p.box() / 2.0,
                        counts, radiiPx.stream().mapToDouble(Double::doubleValue).toArray(), p.gold(), goldR, p.ice(), iceR, rng);
                int[] speciesOf = objects.stream().mapToInt(o -> switch (o.kind()) {
                    case PARTICLE -> o.species(); case GOLD -> goldIndex; case ICE -> iceIndex; }).toArray();
                List<TiltImageCtf> ctfs = tiltCtfs(p, scheme, rng);
                TiltSeriesSimulator.Result series = TiltSeriesSimulator.simulate(species, objects, speciesOf, scheme, ctfs, optics,
                        new TiltSeriesSimulator.Exposure(p.dosePerTilt(), p.thickness(), p.inelasticMfp(), true, p.iceNoise()),
                        p.tomoXY(), p.tomoXY(), p.tomoZ(), p.seed() * 31 + t);
                RealGrid tomogram = WeightedBackProjection.reconstruct(contrast(series), scheme.anglesDeg(), p.tomoXY(), p.tomoZ(),
                        WeightedBackProjection.Options.defaults().withSirtLike(p.sirtLike()));

                Path dir = out.resolve("Tomograms").resolve(name);
                Files.createDirectories(dir);
                MrcWriteOptions opts = MrcWriteOptions.pixelSize(p.pixelSize()).withLabels(List.of("subtomo simulate " + name));
                MrcWriter.write(dir.resolve(name + ".mrc"), tomogram, opts);
                MrcWriter.writeStack(dir.resolve(name + ".mrcs"), slices(series.counts()), opts);
                TiltFile.write(dir.resolve(name + ".tlt"), Arrays.stream(scheme.anglesDeg()).boxed().toList());
                OrderFile.write(dir.resolve(name + ".order"), scheme.tilts().stream()
                        .sorted((a, b) -> Integer.compare(a.acquisitionIndex(), b.acquisitionIndex()))
                        .map(x -> new OrderFile.TiltDose(x.angleDeg(), x.priorDose())).toList());
                CoordsFile.write(dir.resolve(name + ".coords"), objects.stream()
                        .map(o -> new CoordsFile.Coordinate(round2(o.x()), round2(o.y()), round2(o.z()))).toList());

                if (p.trials()) {
                    RealGrid trials = TiltSeriesSimulator.trialImages(scheme, ctfs, optics,
                            new TiltSeriesSimulator.Exposure(p.dosePerTilt(), p.thickness(), p.inelasticMfp(), true, p.iceNoise()),
                            p.tomoXY(), p.tomoXY(), p.trialDefocusOffset(), p.trialDose(), p.seed() * 37 + t);
                    MrcWriter.writeStack(dir.resolve(name + ".trial"), slices(trials), opts);
                    for (int k = 0; k < scheme.size(); k++) {
                        TiltImageCtf c = ctfs.get(k);
                        for (int side = 0; side < 2; side++) {
                            double d = side == 0 ? -p.trialDefocusOffset() : p.trialDefocusOffset();
                            truthTrials.addRow(String.format(Locale.ROOT, "%06d@Tomograms/%s/%s.trial", 2 * k + side + 1, name, name), name,
                                    f6(scheme.tilts().get(k).angleDeg()), f2(c.defocusU() + d), f2(c.defocusV() + d), f2(c.defocusAngle()), f6(p.trialDose()));
                        }
                    }
                }
                String tomoFile = "Tomograms/" + name + "/" + name + ".mrc";
                allTomos.addRow(tomoFile);
                for (int i = 0; i < objects.size(); i++) {
                    SampleLayout.Placed o = objects.get(i);
                    Euler e = Euler.fromMatrix(o.rotation());
                    int cls = o.kind() == SampleLayout.Kind.PARTICLE ? species.get(o.species()).truthClass() : 0;
                    if (cls > 0) nParticles++; else nJunk++;
                    truthParticles.addRow(tomoFile, f2(o.x()), f2(o.y()), f2(o.z()), f6(e.rotDeg()), f6(e.tiltDeg()), f6(e.psiDeg()),
                            Integer.toString(cls), o.kind().name().toLowerCase(Locale.ROOT), Integer.toString(i + 1));
                }
                for (int k = 0; k < scheme.size(); k++) {
                    TiltScheme.Tilt tl = scheme.tilts().get(k);
                    TiltImageCtf c = ctfs.get(k);
                    truthTilts.addRow(String.format(Locale.ROOT, "%06d@Tomograms/%s/%s.mrcs", k + 1, name, name), name,
                            f6(tl.angleDeg()), f6(tl.priorDose()), Integer.toString(tl.acquisitionIndex()),
                            f2(c.defocusU()), f2(c.defocusV()), f2(c.defocusAngle()));
                }
                progress.step();
            }
            StarWriter.write(new StarFile().add("", allTomos), out.resolve("all_tomograms.star"));
            StarWriter.write(new StarFile().add("particles", truthParticles), out.resolve("truth").resolve("particles.star"));
            StarWriter.write(new StarFile().add("tilts", truthTilts), out.resolve("truth").resolve("tilts.star"));
            StarWriter.write(new StarFile().add("simulation", parameterTable(p, truthFiles)), out.resolve("truth").resolve("simulation.star"));
            if (p.trials()) StarWriter.write(new StarFile().add("trials", truthTrials), out.resolve("truth").resolve("trials.star"));
        } catch (IOException e) {
            throw new UncheckedIOException(out + ": cannot write the project: " + e.getMessage(), e);
        }
        return new Summary(out, p.tomograms(), nParticles, nJunk, truthFiles, (System.nanoTime() - t0) / 1e9);
    }

    /**
     * Projection box: the largest object plus the CTF's delocalisation on both sides
     * (λ·Δf·k_Nyquist, in pixels), rounded up to a multiple of 16 so FFTs stay fast.
     */
    static int patchBox(SimulationParameters p) {
        double lambda = org.subtomo.core.ctf.ElectronWavelength.angstrom(p.voltage());
        double delocalisation = lambda * (p.defocus() + 2 * p.defocusSpread() + p.astigmatism()) / (2 * p.pixelSize() * p.pixelSize());
        double object = Math.max(p.box(), 2 * 80 / p.pixelSize() + 2);
        int b = (int) Math.ceil(object + 2 * delocalisation + 4);
        return 16 * ((b + 15) / 16);
    }

    /** Per tilt: the tomogram's defocus, a small drift between tilts, and random astigmatism. */
    static List<TiltImageCtf> tiltCtfs(SimulationParameters p, TiltScheme scheme, SplittableRandom rng) {
        double tomoDefocus = p.defocus() + (2 * rng.nextDouble() - 1) * p.defocusSpread();
        List<TiltImageCtf> out = new ArrayList<>();
        for (int k = 0; k < scheme.size(); k++) {
            double mean = tomoDefocus + (2 * rng.nextDouble() - 1) * 0.1 * p.defocusSpread();
            double astig = rng.nextDouble() * p.astigmatism();
            double angle = -90 + 180 * rng.nextDouble();
            out.add(new TiltImageCtf(mean + astig / 2, mean - astig / 2, angle));
        }
        return out;
    }

    /** Relative contrast of each raw image, counts/N − 1: what a tomogram is reconstructed from. */
    static RealGrid contrast(TiltSeriesSimulator.Result s) {
        RealGrid c = s.counts().copy();
        int n = c.nx * c.ny;
        for (int t = 0; t < c.nz; t++) {
            double e = s.electronsPerPixel()[t];
            for (int i = t * n; i < (t + 1) * n; i++) c.data[i] = (float) (c.data[i] / e - 1);
        }
        return c;
    }

    static List<RealGrid> slices(RealGrid stack) {
        List<RealGrid> out = new ArrayList<>();
        int n = stack.nx * stack.ny;
        for (int t = 0; t < stack.nz; t++) out.add(new RealGrid(stack.nx, stack.ny, 1, Arrays.copyOfRange(stack.data, t * n, (t + 1) * n)));
        return out;
    }

    private static RealGrid readMap(Path file, double pixelSize) {
        try (MrcReader r = MrcReader.open(file)) {
            double px = r.header().pixelSize();
            if (px > 0 && Math.abs(px - pixelSize) > 0.01 * pixelSize)
                throw new InputException(file + ": the map's pixel size is " + px + " Å but --angpix is " + pixelSize + "; resample the map or set --angpix " + px);
            RealGrid m = r.readAll();
            if (m.nx != m.ny || m.nx != m.nz) throw new InputException(file + ": the map must be a cube, it is " + m.nx + "x" + m.ny + "x" + m.nz);
            return m;
        }
    }

    private static StarTable parameterTable(SimulationParameters p, List<Path> truth) {
        StarTable t = StarTable.pairs();
        t.put("subtomoModel", p.model() == null ? "built-in:2XHE.pdb.gz" : p.model().toString());
        t.put("rlnImagePixelSize", f6(p.pixelSize()));
        t.put("rlnImageSize", Integer.toString(p.box()));
        t.put("rlnVoltage", f6(p.voltage()));
        t.put("rlnSphericalAberration", f6(p.cs()));
        t.put("rlnAmplitudeContrast", f6(p.q()));
        t.put("subtomoTomograms", Integer.toString(p.tomograms()));
        t.put("subtomoParticlesPerTomogram", Integer.toString(p.particles()));
        t.put("subtomoSecondFraction", f6(p.secondFraction()));
        t.put("subtomoDosePerTilt", f6(p.dosePerTilt()));
        t.put("subtomoTiltScheme", p.scheme().name().toLowerCase(Locale.ROOT));
        t.put("subtomoTiltMax", f6(p.tiltMax()));
        t.put("subtomoTiltStep", f6(p.tiltStep()));
        t.put("subtomoThickness", f6(p.thickness()));
        t.put("subtomoDefocus", f6(p.defocus()));
        t.put("subtomoRandomSeed", Long.toString(p.seed()));
        t.put("subtomoIceNoise", f6(p.iceNoise()));
        t.put("subtomoTrials", Boolean.toString(p.trials()));
        t.put("subtomoSirtLike", Integer.toString(p.sirtLike()));
        t.put("subtomoTruthMaps", String.join(",", truth.stream().map(x -> "truth/" + x.getFileName()).toList()));
        return t;
    }

    private static double round2(double v) { return Math.round(v * 100) / 100.0; }
    private static String f2(double v) { return String.format(Locale.ROOT, "%.2f", v); }
    private static String f6(double v) { return String.format(Locale.ROOT, "%.6f", v); }
}
