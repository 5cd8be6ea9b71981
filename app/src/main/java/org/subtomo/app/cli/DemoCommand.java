package org.subtomo.app.cli;

import org.subtomo.app.Main;
import org.subtomo.app.demo.Demo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code subtomo demo}: the pipeline, as jobs, on a built-in simulated dataset with ground truth (see {@link Demo}). */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Simulate a project with ground truth (PDB 2XHE in two states, gold, ice) and run the whole protocol on it as jobs:",
                "prepare -> extract -> class2d -> select -> refine3d (--ref None) -> class3d -> postprocess -> localres,",
                "printing each result scored against the truth, the time per stage and a report with where the maps and PNGs are.",
                "--quick runs only extract -> class2d -> select (no 3D). Run it again to reuse finished stages."})
public final class DemoCommand implements Callable<Integer> {
    @Option(names = "--o", defaultValue = "subtomo-demo", description = "project directory (default ${DEFAULT-VALUE}); an existing demo there is continued")
    Path out;

    @Option(names = "--size", defaultValue = "medium", description = "small (2 tomograms), medium (4) or large (8); default ${DEFAULT-VALUE}")
    String size;

    @Option(names = "--j", description = "threads (default: all cores)") Integer threads;

    @Option(names = "--quick", description = "only the 2D part: extract -> class2d -> select, no CTF models and no 3D map (about a minute)")
    boolean quick;

    /** The whole protocol is the default now; the option stays so that older scripts keep working. */
    @Option(names = "--full", hidden = true) boolean full;

    @Option(names = "--random_seed", defaultValue = "0", description = "(${DEFAULT-VALUE})") long seed;

    @Override public Integer call() {
        Demo.Size sz;
        try {
            sz = Demo.Size.valueOf(size.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new org.subtomo.core.error.InputException("--size " + size + ": use small, medium or large");
        }
        if (quick && full) throw new org.subtomo.core.error.InputException("--quick and --full: choose one (the full protocol is the default)");
        int j = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        return new Demo(new Demo.Settings(out, sz, j, seed, !quick), Main::run, System.out).run();
    }
}
