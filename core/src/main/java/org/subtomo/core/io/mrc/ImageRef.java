package org.subtomo.core.io.mrc;

import org.subtomo.core.error.InputException;

import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * A file name as RELION writes it in STAR files: either a plain {@code file.mrc} (the whole file)
 * or {@code 000012@stack.mrcs} (image 12 of the stack, counted from 1). Internally images are
 * counted from 0, so {@link #index()} of {@code 000012@stack.mrcs} is 11.
 */
public record ImageRef(Path file, int number) {
    /** {@code number} for a reference to the whole file. */
    public static final int WHOLE_FILE = 0;

    public ImageRef {
        if (number < 0) throw new IllegalArgumentException("image number must be >= 1 (or 0 for the whole file): " + number);
    }

    public static ImageRef whole(Path file) { return new ImageRef(file, WHOLE_FILE); }

    /** Image {@code index} (0-based) of a stack. */
    public static ImageRef image(Path file, int index) { return new ImageRef(file, index + 1); }

    /** Parses {@code N@file} or {@code file}; N must be a positive integer (leading zeros allowed). */
    public static ImageRef parse(String text) {
        String s = text.strip();
        int at = s.indexOf('@');
        if (at < 0) {
            if (s.isEmpty()) throw new InputException("empty image name: expected 'file.mrc' or 'N@stack.mrcs'");
            return whole(Path.of(s));
        }
        String num = s.substring(0, at), name = s.substring(at + 1);
        if (name.isEmpty())
            throw new InputException("'" + text + "': no file name after '@'; expected N@stack.mrcs, e.g. 000012@stack.mrcs");
        int n;
        try {
            n = Integer.parseInt(num);
        } catch (NumberFormatException e) {
            throw new InputException("'" + text + "': '" + num + "' before '@' is not an image number; expected N@stack.mrcs with N >= 1, e.g. 000012@stack.mrcs");
        }
        if (n < 1)
            throw new InputException("'" + text + "': image numbers count from 1 (RELION's convention); use 1@" + name + " for the first image");
        return new ImageRef(Path.of(name), n);
    }

    public boolean isWholeFile() { return number == WHOLE_FILE; }

    /** 0-based image index, empty for a whole-file reference. */
    public OptionalInt index() { return number == WHOLE_FILE ? OptionalInt.empty() : OptionalInt.of(number - 1); }

    /** RELION's spelling: {@code 000012@stack.mrcs} (six digits), or the plain file name. */
    @Override public String toString() {
        return isWholeFile() ? file.toString() : String.format("%06d@%s", number, file);
    }
}
