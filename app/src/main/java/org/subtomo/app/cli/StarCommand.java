package org.subtomo.app.cli;

import org.subtomo.core.io.star.ParticleStar;
import org.subtomo.core.io.star.StarBlock;
import org.subtomo.core.io.star.StarFile;
import org.subtomo.core.io.star.StarReader;
import org.subtomo.core.io.star.StarStyle;
import org.subtomo.core.io.star.StarStyleConverter;
import org.subtomo.core.io.star.StarWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** Shows what a STAR file holds, checks it, and converts particle files between RELION styles. */
@Command(name = "star", mixinStandardHelpOptions = true,
        description = {"Show the blocks of a STAR file (labels and row counts) and check it.",
                "With --o, write it in RELION 3.1 style (optics groups, origins in A) or 1.4 style (one table)."})
public final class StarCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "STAR file to read")
    Path file;

    @Option(names = "--o", paramLabel = "OUT", description = "write the file (converted with --style) here")
    Path out;

    @Option(names = "--style", paramLabel = "3.1|1.4", defaultValue = "3.1",
            description = "style of the --o file: 3.1 (data_optics + data_particles) or 1.4 (one table); default ${DEFAULT-VALUE}")
    String style;

    @Override public Integer call() throws IOException {
        StarStyle target = StarStyle.parse(style);  // reject a bad --style before reading anything
        StarFile star = StarReader.read(file);
        PrintStream o = System.out;
        for (StarBlock b : star.blocks()) {
            String name = "data_" + b.name();
            if (b.isLoop()) {
                o.printf("%-24s loop_  %d rows, %d labels: %s%n", name, b.table().rowCount(), b.table().columnCount(),
                        String.join(" ", b.table().labels()));
            } else {
                o.printf("%-24s %d keys: %s%n", name, b.table().columnCount(), String.join(" ", b.table().labels()));
            }
        }
        boolean hasTable = star.blocks().stream().anyMatch(b -> b.isLoop() && !b.name().equals("optics"));
        if (hasTable) {
            // Building the view checks the optics-group links of a 3.1 file; check() the numbers.
            ParticleStar particles = ParticleStar.of(star);
            particles.check();
            o.println("style " + particles.style() + ", " + particles.size() + " rows in data_" + particles.dataBlock().name());
            if (out != null) {
                StarWriter.write(StarStyleConverter.convert(particles, target), out, target);
                o.println("wrote " + out + " (style " + target + ")");
            }
        } else if (out != null) {
            StarWriter.write(star, out, target);
            o.println("wrote " + out + " (no particle table; blocks copied)");
        }
        return 0;
    }
}
