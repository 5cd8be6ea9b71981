package org.subtomo.post.postprocess;

import org.subtomo.core.fsc.FscCurve;

import java.util.Locale;

/**
 * An FSC curve in the XML format the EMDB deposition system takes (and relion_postprocess writes):
 * {@code <fsc title xaxis="Resolution (A-1)" yaxis="Correlation Coefficient">} with one
 * {@code <coordinate><x>1/Å</x><y>FSC</y></coordinate>} per shell, shell 0 at x = 0.
 */
public final class FscXml {
    private FscXml() {}

    public static String toXml(FscCurve c, String title) {
        StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        b.append("<fsc title=\"").append(escape(title)).append("\" xaxis=\"Resolution (A-1)\" yaxis=\"Correlation Coefficient\">\n");
        for (int s = 0; s < c.shells(); s++) {
            b.append("  <coordinate>\n");
            b.append(String.format(Locale.ROOT, "    <x>%.6f</x>%n    <y>%.6f</y>%n", c.frequency(s), c.fsc()[s]));
            b.append("  </coordinate>\n");
        }
        return b.append("</fsc>\n").toString();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
