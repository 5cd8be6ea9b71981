package org.subtomo.refine.ml;

import org.subtomo.core.mpi.Ranks;

/**
 * Makes every rank's {@link MlModel} bit-identical to the leader's. Ranks run the same M-step on the same
 * sums, but each rank plans its own FFTs (FFTW_MEASURE may pick different algorithms per process, which
 * changes the last bits), so after every M-step the leader's model is broadcast: all ranks then start
 * the next E-step from exactly the model the leader writes to disk.
 */
public final class ModelSync {
    private ModelSync() {}

    /** Broadcasts references, spectra, class prior and the resolution bookkeeping; no-op for one rank. */
    public static void fromLeader(MlModel m, Ranks ranks) {
        if (!ranks.isParallel()) return;
        for (var g : m.refs) ranks.broadcast(g.data);
        ranks.broadcast(m.pdfClass);
        for (double[] s : m.sigma2) ranks.broadcast(s);
        for (double[] s : m.tau2) ranks.broadcast(s);
        for (double[] s : m.ssnr) ranks.broadcast(s);
        ranks.broadcast(m.estResShell);
        double[] d = {m.sigmaOffsetPx, m.logLikelihood, m.avePmax};
        ranks.broadcast(d);
        m.sigmaOffsetPx = d[0]; m.logLikelihood = d[1]; m.avePmax = d[2];
        int[] i = {m.resShell, m.currentRadius, m.iteration};
        ranks.broadcast(i);
        m.resShell = i[0]; m.currentRadius = i[1]; m.iteration = i[2];
    }
}
