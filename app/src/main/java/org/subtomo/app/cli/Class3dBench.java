package org.subtomo.app.cli;

import org.subtomo.core.error.InputException;
import org.subtomo.refine.synth.ClassificationScore;
import org.subtomo.refine.synth.SyntheticMixture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code subtomo bench class3d-data / class3d-score}: a two-conformation sample with truth labels, and the score of a classification. */
final class Class3dBench {
    private Class3dBench() {}

    @Command(name = "class3d-data", mixinStandardHelpOptions = true,
            description = {"Writes a synthetic two-conformation sub-tomogram project: particles.star (with the true poses), Subtomograms/,",
                    "truth_state1.mrc, truth_state2.mrc (one domain removed), consensus.mrc, focus_mask.mrc (the domain),",
                    "truth_particles.star (rlnClassNumber = true label: 1, 2, or 3 for the bad particles: heavy noise or a wrong CTF)."})
    static final class Data implements Runnable {
        @Option(names = "--o", required = true, description = "output directory") Path out;
        @Option(names = "--particles", defaultValue = "200") int particles;
        @Option(names = "--box", defaultValue = "32") int box;
        @Option(names = "--angpix", defaultValue = "9") double angpix;
        @Option(names = "--snr", defaultValue = "0.1", description = "signal variance / noise variance in real space (${DEFAULT-VALUE})") double snr;
        @Option(names = "--fraction2", defaultValue = "0.3", description = "fraction of good particles in state 2 (${DEFAULT-VALUE})") double fraction2;
        @Option(names = "--bad", defaultValue = "0", description = "fraction of bad particles (${DEFAULT-VALUE})") double bad;
        @Option(names = "--bad_noise", defaultValue = "4", description = "noise std factor of the bad particles, --bad_kind noise (${DEFAULT-VALUE})") double badNoise;
        @Option(names = "--bad_kind", defaultValue = "noise", description = "what makes a particle bad: noise (--bad_noise x the noise std) or ctf "
                + "(normal noise, but its rlnDefocusU/V and CTF volume are off by --bad_defocus_error) (${DEFAULT-VALUE})") String badKind;
        @Option(names = "--bad_defocus_error", defaultValue = "2", description = "error of the written defocus of the bad particles, um, --bad_kind ctf (${DEFAULT-VALUE})")
        double badDefocusErrorUm;
        @Option(names = "--pose_error", defaultValue = "0", description = "error of the given poses, degrees (${DEFAULT-VALUE})") double poseError;
        @Option(names = "--random_seed", defaultValue = "1") long seed;

        @Override public void run() {
            boolean ctf = switch (badKind) {
                case "noise" -> false;
                case "ctf" -> true;
                default -> throw new InputException("--bad_kind " + badKind + ": use noise or ctf");
            };
            var p = new SyntheticMixture.Params(box, angpix, particles, fraction2, bad, ctf ? 1 : badNoise, snr, 2.0, 60, poseError, 30, seed,
                    ctf ? badDefocusErrorUm * 1e4 : 0);
            Path star = new SyntheticMixture(p).write(out);
            System.out.println("wrote " + star);
        }
    }

    @Command(name = "class3d-score", mixinStandardHelpOptions = true,
            description = "Accuracy of a classification (ours or RELION's data.star) against truth_particles.star, and where the bad particles went.")
    static final class Score implements Runnable {
        @Option(names = "--truth", required = true, description = "truth_particles.star") Path truth;
        @Option(names = "--data", required = true, description = "a run_itNNN_data.star") Path data;

        @Override public void run() { System.out.println(ClassificationScore.score(truth, data).summary()); }
    }
}
