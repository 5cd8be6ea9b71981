package org.subtomo.app;

import org.subtomo.app.cli.SubtomoCommand;
import picocli.CommandLine;

/** Entry point used by the ./subtomo launcher. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (tests call this). */
    public static int run(String... args) {
        return SubtomoCommand.commandLine().execute(args);
    }
}
