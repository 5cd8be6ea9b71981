package org.subtomo.core.io.star;

/**
 * Label spelling. Files in the wild write {@code _rlnImageName}, {@code rlnImageName} or
 * {@code ImageName} (older tools and hand-written files); lookups compare the normalised key so all
 * three find the same column, while the table keeps the spelling it read so a rewrite changes nothing.
 */
public final class StarLabels {
    private StarLabels() {}

    static final String RLN = "rln";

    /** Lookup key: no leading underscore, no {@code rln} prefix. Case is significant, as in RELION. */
    public static String key(String label) {
        String s = label.startsWith("_") ? label.substring(1) : label;
        if (s.startsWith(RLN) && s.length() > RLN.length()) s = s.substring(RLN.length());
        return s;
    }

    /** Canonical written form: {@code rlnImageName} (no underscore; the writer adds it). */
    public static String canonical(String label) {
        return RLN + key(label);
    }

    /** Whether two spellings name the same label. */
    public static boolean same(String a, String b) {
        return key(a).equals(key(b));
    }
}
