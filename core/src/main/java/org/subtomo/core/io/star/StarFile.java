package org.subtomo.core.io.star;

import org.subtomo.core.error.InputException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** The blocks of a STAR file, in file order; {@code source} names the file in error messages. */
public final class StarFile {
    private final List<StarBlock> blocks = new ArrayList<>();
    private final Path source;

    public StarFile() { this(null); }

    public StarFile(Path source) { this.source = source; }

    public Path source() { return source; }

    public List<StarBlock> blocks() { return Collections.unmodifiableList(blocks); }

    public StarFile add(StarBlock block) {
        if (find(block.name()).isPresent()) {
            throw new IllegalArgumentException("a block named data_" + block.name() + " exists already");
        }
        block.table().attach(block.name(), source);
        blocks.add(block);
        return this;
    }

    public StarFile add(String name, StarTable table) { return add(new StarBlock(name, table)); }

    /** Inserts a block at a position (e.g. optics before particles). */
    public StarFile add(int at, StarBlock block) {
        if (find(block.name()).isPresent()) {
            throw new IllegalArgumentException("a block named data_" + block.name() + " exists already");
        }
        block.table().attach(block.name(), source);
        blocks.add(at, block);
        return this;
    }

    public boolean remove(String name) { return blocks.removeIf(b -> b.name().equals(name)); }

    public Optional<StarBlock> find(String name) {
        return blocks.stream().filter(b -> b.name().equals(name)).findFirst();
    }

    /** The table of a block, or an {@link InputException} listing the blocks the file does have. */
    public StarTable table(String name) {
        return find(name).map(StarBlock::table).orElseThrow(() -> new InputException(
                (source == null ? "(in memory)" : source.toString()) + ": no block data_" + name + "; it has "
                        + (blocks.isEmpty() ? "no blocks" : String.join(" ", blocks.stream().map(b -> "data_" + b.name()).toList()))));
    }

    @Override public boolean equals(Object o) { return o instanceof StarFile f && f.blocks.equals(blocks); }

    @Override public int hashCode() { return blocks.hashCode(); }

    @Override public String toString() { return "StarFile" + blocks; }
}
