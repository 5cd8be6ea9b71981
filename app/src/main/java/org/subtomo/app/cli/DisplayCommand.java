package org.subtomo.app.cli;

import org.subtomo.core.display.FileDisplay;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code subtomo display FILE}: a PNG of a stack, a volume, a class gallery or FSC/Guinier curves. */
@Command(name = "display", mixinStandardHelpOptions = true,
        description = {"Write a PNG of FILE: a stack (.mrcs) as a montage, a volume as central XY/XZ/YZ slices, a class2d",
                "_model.star as class averages sorted by class distribution, a post-processing/refinement STAR file as FSC",
                "curves (and <out>_guinier.png for its Guinier table)."})
public final class DisplayCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "MRC/MRCS file or STAR file") Path file;

    @Option(names = "--o", paramLabel = "PNG", description = "output PNG (default: FILE with .png, next to it)") Path out;

    @Option(names = "--open", description = "print the PNG's file:// address, to open in a browser or viewer") boolean open;

    @Override public Integer call() {
        Path png = out != null ? out : defaultPng(file);
        FileDisplay.Result r = FileDisplay.render(file, png);
        for (int i = 0; i < r.pngs().size(); i++) {
            Path p = r.pngs().get(i);
            System.out.println("wrote " + p + ": " + r.descriptions().get(i));
            if (open) System.out.println("  open " + p.toAbsolutePath().toUri());
        }
        return 0;
    }

    static Path defaultPng(Path file) {
        String n = file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return file.resolveSibling((dot > 0 ? n.substring(0, dot) : n) + (n.toLowerCase(Locale.ROOT).endsWith(".png") ? "_view" : "") + ".png");
    }
}
