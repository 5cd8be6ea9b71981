package org.subtomo.app.cli;

import org.subtomo.core.error.InputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;

/** The top-level {@code subtomo} command: lists the subcommands, turns user errors into one line. */
@Command(name = "subtomo", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Sub-tomogram averaging for electron cryo-tomography.",
        subcommands = {
                BenchCommand.class,
                Class2dCommand.class,
                Class3dCommand.class,
                DemoCommand.class,
                DisplayCommand.class,
                ExtractCommand.class,
                GuiCommand.class,
                HeaderCommand.class,
                StarCommand.class,
                InfoCommand.class,
                LocalresCommand.class,
                PostprocessCommand.class,
                PrepareCommand.class,
                JobsCommand.class,
                SimulateCommand.class,
                ReconstructTomogramCommand.class,
                Refine3dCommand.class,
                SelectCommand.class,
                TestCommand.class,
                CommandLine.HelpCommand.class,
        },
        footer = {"", "Run 'subtomo COMMAND --help' for the options of one command."})
public final class SubtomoCommand implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override public void run() { spec.commandLine().usage(System.out); }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new SubtomoCommand());
        cl.setExecutionExceptionHandler(SubtomoCommand::handle);
        return cl;
    }

    /** User errors become one line on stderr and exit code 1; only real bugs show a stack trace. */
    private static int handle(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        String msg = userMessage(e);
        if (msg == null) {
            cl.getErr().println("subtomo: internal error (please report it): " + e);
            e.printStackTrace(cl.getErr());
            return 70;
        }
        cl.getErr().println("subtomo " + cl.getCommandName() + ": " + msg);
        return 1;
    }

    static String userMessage(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InputException ie) return ie.getMessage();
            if (t instanceof org.subtomo.core.progress.Abort.AbortedException a) return a.getMessage();
            if (t instanceof NoSuchFileException nf) return nf.getFile() + ": no such file";
            if (t instanceof UncheckedIOException u && u.getCause() != null) return u.getCause().getMessage();
            if (t instanceof IOException io) return io.getMessage();
        }
        return null;
    }
}
