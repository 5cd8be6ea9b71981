package org.subtomo.app.cli;

import picocli.CommandLine;

/** Version from the jar manifest (set by Maven), "dev" when run from classes. */
public final class VersionProvider implements CommandLine.IVersionProvider {
    public static String version() {
        String v = VersionProvider.class.getPackage().getImplementationVersion();
        return v != null ? v : "dev";
    }

    @Override public String[] getVersion() {
        return new String[]{"subtomo " + version() + " (Java " + Runtime.version() + ")"};
    }
}
