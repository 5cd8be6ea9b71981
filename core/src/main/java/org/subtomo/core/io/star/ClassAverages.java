package org.subtomo.core.io.star;

import org.subtomo.core.error.InputException;
import org.subtomo.core.grid.RealGrid;
import org.subtomo.core.io.mrc.ImageRef;
import org.subtomo.core.io.mrc.MrcReader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The class averages of a classification's {@code _model.star} (data_model_classes: rlnReferenceImage,
 * rlnClassDistribution), images located as RELION does (relative to the working directory) or relative to the
 * STAR file's directory or one above it (a project root, for files inside a job directory).
 */
public record ClassAverages(RealGrid[] images, double[] distribution) {
    public static ClassAverages read(Path modelStar) {
        StarTable t;
        try {
            t = StarReader.read(modelStar).table("model_classes");
        } catch (java.nio.file.NoSuchFileException e) {
            throw InputException.inFile(modelStar, "no such file");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + modelStar + ": " + e.getMessage(), e);
        }
        int k = t.rowCount();
        RealGrid[] images = new RealGrid[k];
        double[] dist = new double[k];
        Map<Path, MrcReader> readers = new HashMap<>();
        try {
            for (int c = 0; c < k; c++) {
                ImageRef ref = ImageRef.parse(t.get(c, "rlnReferenceImage"));
                MrcReader r = readers.computeIfAbsent(locate(ref.file(), modelStar), MrcReader::open);
                images[c] = ref.isWholeFile() ? r.readSection(0) : r.readImage(ref.index().getAsInt());
                dist[c] = t.has("rlnClassDistribution") ? t.getDouble(c, "rlnClassDistribution") : 0;
            }
        } finally {
            readers.values().forEach(MrcReader::close);
        }
        return new ClassAverages(images, dist);
    }

    /** As written (relative to the working directory), else relative to the STAR file's directory or one above it. */
    public static Path locate(Path file, Path star) {
        if (file.isAbsolute() || Files.exists(file)) return file;
        for (Path d = star.toAbsolutePath().getParent(); d != null; d = d.getParent())
            if (Files.exists(d.resolve(file))) return d.resolve(file);
        throw new InputException(star + ": image file " + file + " not found (relative to the working directory or the STAR file)");
    }
}
