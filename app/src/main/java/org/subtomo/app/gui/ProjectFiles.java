package org.subtomo.app.gui;

import org.subtomo.core.error.InputException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The only way the GUI turns a name from the browser into a file: names are relative to the project
 * directory, and whatever they resolve to (after {@code ..} and after following symbolic links) must lie
 * inside it. Links inside the project that point inside it (RELION's job aliases) are fine; a link that
 * leads out is refused as if the file were outside. Writes are checked the same way through the nearest
 * existing parent.
 */
public final class ProjectFiles {
    private final Path root;

    public ProjectFiles(Path project) {
        try {
            this.root = project.toAbsolutePath().normalize().toRealPath();
        } catch (IOException e) {
            throw new InputException(project + ": project directory not found (give --project_dir an existing directory)");
        }
    }

    public Path root() { return root; }

    /** An existing file or directory inside the project; refuses anything else with a one-line reason. */
    public Path read(String name) {
        Path p = lexical(name);
        if (!Files.exists(p)) throw new InputException(display(name) + ": no such file in the project");
        requireInside(real(p), name);
        return p;
    }

    /** Whether {@code name} names an existing file inside the project (no exception). */
    public boolean existsInside(String name) {
        try {
            read(name);
            return true;
        } catch (InputException e) {
            return false;
        }
    }

    /** A path to write: inside the project even through the links of its existing parents. */
    public Path write(String name) {
        Path p = lexical(name);
        Path existing = p;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) existing = existing.getParent();
        if (existing == null) throw outside(name);
        if (Files.isSymbolicLink(existing) && existing.equals(p)) {
            // writing through a link would change its target: allowed only when that target is inside
            if (!Files.exists(p)) throw outside(name);
        }
        requireInside(real(existing), name);
        return p;
    }

    /** The name of a file inside the project, relative to it, with '/' separators. */
    public String relative(Path p) {
        Path a = p.toAbsolutePath().normalize();
        if (!a.startsWith(root)) throw outside(a.toString());
        return root.relativize(a).toString().replace('\\', '/');
    }

    /** Entries of a directory inside the project: directories first, then files, by name; hidden ones left out. */
    public List<Path> list(String dir) {
        Path d = read(dir == null ? "" : dir);
        if (!Files.isDirectory(d)) throw new InputException(display(dir) + ": not a directory");
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(d)) {
            s.filter(x -> !x.getFileName().toString().startsWith(".")).forEach(out::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        out.sort(Comparator.comparing((Path x) -> !Files.isDirectory(x)).thenComparing(x -> x.getFileName().toString()));
        return out;
    }

    /**
     * Files of the project (not hidden, not in Trash/) whose names end with one of {@code suffixes}, at most
     * {@code depth} directories down and {@code limit} of them: the choices offered for an input field.
     * Symbolic links are not followed (job aliases would list every file twice).
     */
    public List<String> find(List<String> suffixes, int depth, int limit) {
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root, depth)) {
            s.filter(p -> !p.equals(root))
                    .filter(p -> {
                        String rel = root.relativize(p).toString();
                        return !rel.startsWith("Trash") && java.util.Arrays.stream(rel.split("/")).noneMatch(x -> x.startsWith("."));
                    })
                    .filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .filter(p -> suffixes.isEmpty() || suffixes.stream().anyMatch(x -> p.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(x)))
                    .limit(limit)
                    .forEach(p -> out.add(root.relativize(p).toString().replace('\\', '/')));
        } catch (IOException | UncheckedIOException e) {
            // an unreadable corner of the project: offer what was found
        }
        out.sort(String::compareTo);
        return out;
    }

    private Path lexical(String name) {
        if (name == null) name = "";
        if (name.indexOf('\0') >= 0 || name.indexOf('\\') >= 0) throw outside(name);
        Path rel;
        try {
            rel = Path.of(name);
        } catch (InvalidPathException e) {
            throw outside(name);
        }
        if (rel.isAbsolute() || name.startsWith("/") || name.startsWith("~")) throw outside(name);
        Path p = root.resolve(rel).normalize();
        if (!p.startsWith(root)) throw outside(name);
        return p;
    }

    private void requireInside(Path real, String name) {
        if (!real.startsWith(root)) throw outside(name);
    }

    private static Path real(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            throw new InputException(p.getFileName() + ": cannot be resolved (" + e.getMessage() + ")");
        }
    }

    private static InputException outside(String name) {
        return new OutsideProjectException(display(name) + ": outside the project directory; give a name relative to it, without '..'");
    }

    /** A name as shown in a message: at most 200 characters, control characters dropped. */
    static String display(String name) {
        if (name == null) return "(none)";
        String s = name.replaceAll("\\p{Cntrl}", "?");
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }

    /** A name that leaves the project: the server answers 403, not 404. */
    public static final class OutsideProjectException extends InputException {
        OutsideProjectException(String message) { super(message); }
    }
}
