package org.subtomo.app.gui;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.subtomo.app.cli.SubtomoCommand;
import org.subtomo.core.progress.Progress;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.*;

/** 'Run!' starts the command as a child JVM in the project; its status, log and progress come back to the job list. */
class GuiRunsTest {
    @TempDir Path project;

    /** The tiny simulation the GUI tests run (about 8 s on one core). */
    static final Map<String, String> TINY = Map.of("--o", "Sim", "--tomograms", "1", "--particles", "4", "--gold", "0", "--ice", "0",
            "--box", "32", "--tomo_xy", "96", "--tomo_z", "48", "--tilt_step", "15", "--thickness", "200");

    @Test @SuppressWarnings("unchecked")
    void aTinySimulationRunsFinishesAndReportsItsProgress() throws Exception {
        GuiApi api = new GuiApi(new ProjectFiles(project), SubtomoCommand::commandLine, new GuiRuns(project));
        HttpExchange.Response r = api.handle(new HttpExchange.Request("POST", "/api/run", Map.of(),
                Json.write(Map.of("command", "simulate", "values", TINY))));
        assertEquals(200, r.status(), r.text());
        int id = ((Number) ((Map<String, Object>) Json.parse(r.text())).get("run")).intValue();
        GuiRuns.Run run = api.runs().get(id);
        assertTrue(run.waitFor(90_000), "finished");
        assertEquals(GuiRuns.State.SUCCEEDED, run.state(), String.join("\n", LogTail.lines(run.log, 4096)));
        assertTrue(Files.isRegularFile(project.resolve("Sim/all_tomograms.star")), "ran in the project directory");
        Map<String, Object> jobs = (Map<String, Object>) Json.parse(api.handle(new HttpExchange.Request("GET", "/api/jobs", Map.of(), "")).text());
        Map<String, Object> job = ((List<Map<String, Object>>) jobs.get("jobs")).stream().filter(j -> Integer.valueOf(id).equals(((Number) j.get("run")).intValue()))
                .findFirst().orElseThrow();
        assertEquals("succeeded", job.get("status"));
        assertEquals("Sim", job.get("display"));
        Map<String, Object> progress = (Map<String, Object>) job.get("progress");
        assertEquals(1L, ((Number) progress.get("total")).longValue(), job.toString());
        assertEquals(100, ((Number) progress.get("percent")).intValue());
        assertTrue(((List<String>) job.get("tail")).stream().anyMatch(l -> l.startsWith("simulated 1 tomograms, 4 particles")), job.toString());
    }

    @Test void aFailingCommandIsReportedFailedWithItsMessage() throws Exception {
        GuiRuns runs = new GuiRuns(project);
        GuiRuns.Run run = runs.start(List.of("simulate", "--o", "S", "--thickness", "99999"), "subtomo simulate ...");
        assertTrue(run.waitFor(60_000));
        assertEquals(GuiRuns.State.FAILED, run.state());
        assertEquals(1, run.exitCode());
        assertTrue(LogTail.lines(run.log, 4096).stream().anyMatch(l -> l.contains("--thickness")), "the one-line error is in the log");
    }

    @Test void abortStopsARunningCommand() throws Exception {
        GuiRuns runs = new GuiRuns(project);
        GuiRuns.Run run = runs.start(List.of("simulate", "--o", "Big", "--tomograms", "50"), "subtomo simulate --o Big --tomograms 50");
        Thread.sleep(500);
        assertEquals(GuiRuns.State.RUNNING, run.state());
        // in a session of its own: Ctrl-C on the server's terminal does not reach the job
        Path stat = Path.of("/proc/" + run.process.pid() + "/stat"), self = Path.of("/proc/self/stat");
        if (Files.isExecutable(Path.of("/usr/bin/setsid")) && Files.exists(stat))
            assertNotEquals(session(self), session(stat));
        runs.kill(run);
        assertTrue(run.waitFor(20_000));
        assertEquals(GuiRuns.State.ABORTED, run.state());
    }

    /** Field 6 of /proc/PID/stat (after the parenthesised command name): the session id. */
    static String session(Path stat) throws Exception {
        String s = Files.readString(stat);
        return s.substring(s.lastIndexOf(')') + 2).split(" ")[3];
    }

    @Test void progressIsReadFromTheLinesProgressPrints() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        AtomicLong clock = new AtomicLong();
        try (Progress p = Progress.plain("class2d: iterations", 25, new PrintStream(buf, true, StandardCharsets.UTF_8), 0, clock::get)) {
            for (int i = 0; i < 7; i++) { clock.addAndGet(2000); p.step(); }
        }
        List<String> lines = Arrays.asList(buf.toString(StandardCharsets.UTF_8).split("\n"));
        Map<String, Object> last = LogTail.progress(lines);
        assertNotNull(last, lines.toString());
        assertEquals("class2d: iterations", last.get("label"));
        assertEquals(7L, last.get("done"));
        assertEquals(25L, last.get("total"));
        assertEquals(28, last.get("percent"));
        assertEquals("36 s", last.get("eta"), "18 more steps at 2 s each");
        assertNull(LogTail.progress(List.of("nothing here", "iteration 3 of 25")));
        // a terminal bar is read too
        assertEquals(10L, LogTail.progress(List.of("refine [###    ] 10/40 (25%) 1 min 02 s ETA 3 min 06 s")).get("done"));
    }
}
