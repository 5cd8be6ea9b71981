package org.subtomo.app.cli;

import org.subtomo.core.fft.Fft;
import picocli.CommandLine.Command;

/** Prints the run-time environment: version, Java, cores, memory, FFT backend and why. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Show the version, Java runtime, cores, memory and the active FFT backend.")
public final class InfoCommand implements Runnable {
    @Override public void run() {
        Runtime rt = Runtime.getRuntime();
        System.out.println("subtomo      " + VersionProvider.version());
        System.out.println("java         " + Runtime.version() + " (" + System.getProperty("java.home") + ")");
        System.out.println("cores        " + rt.availableProcessors());
        System.out.printf("max heap     %.1f GiB%n", rt.maxMemory() / (1024.0 * 1024 * 1024));
        System.out.println("fft backend  " + Fft.backend().name());
        System.out.println("             " + Fft.selectionReason());
    }
}
