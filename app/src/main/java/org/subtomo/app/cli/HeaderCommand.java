package org.subtomo.app.cli;

import org.subtomo.core.io.mrc.ImageRef;
import org.subtomo.core.io.mrc.MrcHeaderListing;
import org.subtomo.core.io.mrc.MrcReader;
import org.subtomo.core.io.mrc.MrcStatistics;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code subtomo header FILE...}: lists MRC headers like IMOD's {@code header}. A bad file is
 * reported in one line and the others are still listed; the exit code is 1 if any file failed.
 */
@Command(name = "header", mixinStandardHelpOptions = true,
        description = {"Show the header of MRC/MRCS files, as IMOD's header does.",
                "Size, mode, byte order, pixel size, origin, statistics, extended header and the tilt angles it holds."})
public final class HeaderCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "MRC files (N@stack.mrcs accepted; the header is the stack's)")
    List<String> files;

    @Option(names = "--stats", description = "Also recompute min/max/mean/rms from the data (streamed, not loaded whole).")
    boolean stats;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override public Integer call() {
        PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
        if (files.size() == 1) {   // one file: errors go through the common handler (one line, exit 1)
            out.print(listing(files.getFirst()));
            out.flush();
            return 0;
        }
        int failed = 0;
        for (int i = 0; i < files.size(); i++) {
            try {
                String text = listing(files.get(i));
                if (i > 0) out.println();
                out.print(text);
            } catch (RuntimeException e) {
                String msg = SubtomoCommand.userMessage(e);
                if (msg == null) throw e;   // a bug, not a bad file: let the common handler show it
                failed++;
                out.flush();
                err.println("subtomo header: " + msg);
            }
        }
        out.flush();
        return failed == 0 ? 0 : 1;
    }

    private String listing(String name) {
        Path file = ImageRef.parse(name).file();
        try (MrcReader r = MrcReader.open(file)) {
            MrcStatistics computed = stats ? r.computeStatistics() : null;
            return MrcHeaderListing.format(file.toString(), r.header(), r.tiltAngles(), computed);
        }
    }
}
