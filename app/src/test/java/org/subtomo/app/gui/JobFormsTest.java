package org.subtomo.app.gui;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Forms come from the picocli model of whatever commands are registered; the tab rule is the stated one. */
class JobFormsTest {
    enum Mode { FAST, SLOW }

    /** A stand-in for a stage that lands later: registered under a workflow name, it gets a form without GUI code. */
    @Command(name = "class3d", description = "3D classification (test stand-in).")
    static final class FakeClass3d implements Runnable {
        @Option(names = "--i", required = true, paramLabel = "STAR", description = "particles") Path in;
        @Option(names = "--o", paramLabel = "ROOT", description = "output root") String out;
        @Option(names = "--ref", paramLabel = "MRC", description = "reference map") Path ref;
        @Option(names = "--solvent_mask", paramLabel = "MRC", description = "mask") Path mask;
        @Option(names = "--maskedge", defaultValue = "5", description = "mask edge, px (${DEFAULT-VALUE})") double maskEdge;
        @Option(names = "--zero_mask", description = "zero outside the mask") boolean zeroMask;
        @Option(names = "--K", defaultValue = "4", description = "classes (${DEFAULT-VALUE})") int k;
        @Option(names = "--healpix_order", defaultValue = "2", description = "angular sampling") int healpix;
        @Option(names = "--offset_step", defaultValue = "2", description = "px") double offsetStep;
        @Option(names = "--j", defaultValue = "1", description = "threads") int threads;
        @Option(names = "--random_seed", defaultValue = "0", description = "seed") long seed;
        @Option(names = "--mode", defaultValue = "FAST", description = "how") Mode mode;
        @Option(names = "--o2d", paramLabel = "STAR", description = "second output") Path o2d;
        @Option(names = "--offset", defaultValue = "3", description = "not an output despite --o...") double offset;
        @Override public void run() { }
    }

    @Command(name = "subtomo", subcommands = FakeClass3d.class)
    static final class Root implements Runnable { @Override public void run() { } }

    @Test void aNewlyRegisteredCommandGetsAFormWithTabsTypesDefaultsAndHelp() {
        CommandLine root = new CommandLine(new Root());
        List<JobForms.Form> forms = JobForms.forms(root);
        assertEquals(JobForms.WORKFLOW.size(), forms.size());
        for (JobForms.Form f : forms) assertEquals(f.kind().command().equals("class3d"), f.available(), f.kind().command());
        JobForms.Form f = JobForms.form(root, "class3d");
        assertEquals("3D classification (test stand-in).", f.description());
        record Expect(String name, String tab, String type, String def, boolean in, boolean out) {}
        for (Expect e : List.of(
                new Expect("--i", "I/O", "file", "", true, false),
                new Expect("--o", "I/O", "text", "", false, true),
                new Expect("--ref", "I/O", "file", "", true, false),
                new Expect("--solvent_mask", "I/O", "file", "", true, false),
                new Expect("--maskedge", "Main", "number", "5", false, false),
                new Expect("--zero_mask", "Main", "boolean", "false", false, false),
                new Expect("--K", "Main", "integer", "4", false, false),
                new Expect("--healpix_order", "Sampling", "integer", "2", false, false),
                new Expect("--offset_step", "Sampling", "number", "2", false, false),
                new Expect("--offset", "Sampling", "number", "3", false, false),
                new Expect("--j", "Compute", "integer", "1", false, false),
                new Expect("--random_seed", "Compute", "integer", "0", false, false),
                new Expect("--mode", "Main", "choice", "FAST", false, false),
                new Expect("--o2d", "I/O", "file", "", false, true))) {
            JobForms.Field fld = f.field(e.name());
            assertNotNull(fld, e.name());
            assertEquals(e, new Expect(fld.name(), fld.tab(), fld.type(), fld.defaultValue(), fld.input(), fld.output()));
        }
        assertEquals(List.of("FAST", "SLOW"), f.field("--mode").choices());
        assertEquals("mask edge, px (5)", f.field("--maskedge").help(), "picocli's ${DEFAULT-VALUE} filled in");
        assertTrue(f.field("--i").required());
    }
}
