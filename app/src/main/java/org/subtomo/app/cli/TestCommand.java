package org.subtomo.app.cli;

import picocli.CommandLine.Command;

/** Listed for discoverability; the ./subtomo launcher runs the suite itself (it needs Maven). */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = "Build and run the whole test suite (run by the ./subtomo launcher).",
        footer = {"", "The launcher installs optional system packages (FFTW, python3-mrcfile, RELION) when it can,",
                "then runs 'mvn test'. Extra arguments go to Maven, e.g. ./subtomo test -Dtest=StarTest."})
public final class TestCommand implements Runnable {
    @Override public void run() {
        System.err.println("subtomo test: run it through the launcher: ./subtomo test");
    }
}
