package org.subtomo.core.io.star;

import java.util.Objects;

/**
 * One {@code data_NAME} block: a name (may be empty, as in RELION 1.4's {@code data_}) and its
 * content, either a {@code loop_} table or key-value pairs (a one-row {@link StarTable}).
 */
public final class StarBlock {
    private final String name;
    private final StarTable table;

    public StarBlock(String name, StarTable table) {
        this.name = Objects.requireNonNull(name);
        if (name.chars().anyMatch(Character::isWhitespace)) throw new IllegalArgumentException("bad block name '" + name + "'");
        this.table = Objects.requireNonNull(table);
        table.attach(name, table.source());
    }

    public String name() { return name; }
    public StarTable table() { return table; }
    public boolean isLoop() { return table.isLoop(); }

    @Override public boolean equals(Object o) {
        return o instanceof StarBlock b && b.name.equals(name) && b.table.equals(table);
    }

    @Override public int hashCode() { return name.hashCode() * 31 + table.hashCode(); }

    @Override public String toString() { return table.toString(); }
}
