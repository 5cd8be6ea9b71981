package org.subtomo.app.pipeline;

import org.subtomo.core.error.InputException;
import org.subtomo.core.io.star.StarReader;
import org.subtomo.core.io.star.StarTable;
import org.subtomo.core.io.star.StarWriter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sending a job to a batch queue as RELION's GUI does: a user-editable submission template whose
 * placeholders are replaced, the script written into the job directory ({@code run_submit.script}), the
 * submit command ({@code sbatch}, {@code qsub}, ...) run on it, and the scheduler's job id taken from its
 * output.
 *
 * <p>Placeholders (RELION 3.1's): XXXcommandXXX (the subtomo command line to run), XXXmpinodesXXX (MPI
 * ranks), XXXthreadsXXX (threads per rank), XXXcoresXXX (ranks × threads), XXXqueueXXX, XXXnameXXX (the
 * job, e.g. Class2D/job005/), XXXoutfileXXX and XXXerrfileXXX (the scheduler's stdout/stderr files in the
 * job directory). Any other XXX…XXX is an error naming the template's line.
 *
 * @param queue    queue (partition) name, may be empty
 * @param qsub     submit command, e.g. sbatch
 * @param template the submission template
 * @param mpi      MPI ranks (--nr_mpi)
 * @param threads  threads per rank (--nr_threads)
 * @param control  the scheduler's status and cancel commands, recorded with the submission (--qstat, --qcancel)
 */
public record QueueSubmission(String queue, String qsub, Path template, int mpi, int threads, QueueControl.Commands control) {
    public static final String SCRIPT = "run_submit.script", OUT = "run_submit.out", ERR = "run_submit.err", RECORD = "queue.star";
    private static final Pattern PLACEHOLDER = Pattern.compile("XXX([A-Za-z0-9_]+)XXX");
    /** The id in the submit command's output: sbatch "Submitted batch job 123", PBS "123.server", SGE "Your job 123 (...)". */
    private static final Pattern JOB_ID = Pattern.compile("(?<![A-Za-z0-9_.-])(\\d+(?:\\.[A-Za-z0-9_-]+)*)(?![A-Za-z0-9_-])");

    public QueueSubmission {
        if (mpi < 1) throw new InputException("--nr_mpi must be at least 1, got " + mpi);
        if (threads < 1) throw new InputException("--nr_threads must be at least 1, got " + threads);
        if (qsub == null || qsub.isBlank()) throw new InputException("--qsub is empty: give the submit command, e.g. --qsub sbatch");
        if (template == null) throw new InputException("--qsubscript is required to submit to a queue: a template such as scripts/slurm-template.sh");
        if (!Files.isRegularFile(template)) throw new InputException("--qsubscript " + template + ": no such file (templates: scripts/slurm-template.sh, scripts/pbs-template.sh)");
        if (control == null) control = QueueControl.Commands.defaults(qsub);
        for (String[] c : new String[][]{{"--qstat", control.status()}, {"--qcancel", control.cancel()}}) {
            try {
                StarWriter.quote(c[1]);   // recorded in queue.star
            } catch (IllegalArgumentException e) {
                throw new InputException(c[0] + " " + c[1] + ": has both quote kinds before a space, which a STAR file cannot hold; "
                        + "put the command in a script and give that");
            }
        }
    }

    /** With the default status and cancel commands of {@code qsub}'s scheduler. */
    public QueueSubmission(String queue, String qsub, Path template, int mpi, int threads) {
        this(queue, qsub, template, mpi, threads, null);
    }

    /** The template with every placeholder replaced. */
    public String script(String command, String jobName, Path jobDir) {
        String text;
        try {
            text = Files.readString(template, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InputException("--qsubscript " + template + ": cannot read: " + e.getMessage());
        }
        Map<String, String> values = new LinkedHashMap<>();
        values.put("command", command);
        values.put("mpinodes", Integer.toString(mpi));
        values.put("threads", Integer.toString(threads));
        values.put("cores", Integer.toString(mpi * threads));
        values.put("queue", queue == null ? "" : queue);
        values.put("name", jobName);
        values.put("outfile", jobDir.resolve(OUT).toString());
        values.put("errfile", jobDir.resolve(ERR).toString());
        StringBuilder out = new StringBuilder();
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = PLACEHOLDER.matcher(lines.get(i));
            StringBuilder line = new StringBuilder();
            while (m.find()) {
                String v = values.get(m.group(1));
                if (v == null) throw new InputException(template + " line " + (i + 1) + ": unknown placeholder " + m.group()
                        + "; known: " + String.join(", ", values.keySet().stream().map(k -> "XXX" + k + "XXX").toList()));
                m.appendReplacement(line, Matcher.quoteReplacement(v));
            }
            m.appendTail(line);
            out.append(line).append('\n');
        }
        return out.toString();
    }

    /** The scheduler's job id in the submit command's output, if any. */
    public static Optional<String> jobId(String submitOutput) {
        for (String line : submitOutput.lines().toList()) {
            Matcher m = JOB_ID.matcher(line);
            if (m.find()) return Optional.of(m.group(1));
        }
        return Optional.empty();
    }

    /** What the job directory's queue.star records about the submission ("" for a command not known). */
    public record Submitted(String jobId, String queue, String submitCommand, String time, String statusCommand, String cancelCommand) {}

    static StarTable record(Submitted s) {
        StarTable t = StarTable.pairs();
        t.put("subtomoQueueJobId", s.jobId());
        t.put("subtomoQueueName", s.queue().isEmpty() ? "None" : s.queue());
        t.put("subtomoQueueSubmitCommand", s.submitCommand().replace('\n', ' ').replace("\"", "'"));
        t.put("subtomoQueueSubmitTime", s.time());
        t.put("subtomoQueueStatusCommand", s.statusCommand().isEmpty() ? "None" : s.statusCommand());
        t.put("subtomoQueueCancelCommand", s.cancelCommand().isEmpty() ? "None" : s.cancelCommand());
        return t;
    }

    /** The submission recorded in a job directory, if it was sent to a queue. */
    public static Optional<Submitted> read(Path jobDir) {
        Path f = jobDir.resolve(RECORD);
        if (!Files.isRegularFile(f)) return Optional.empty();
        try {
            StarTable t = StarReader.read(f).table("queue");
            return Optional.of(new Submitted(t.get("subtomoQueueJobId"), t.get("subtomoQueueName"), t.get("subtomoQueueSubmitCommand"),
                    t.get("subtomoQueueSubmitTime"), command(t, "subtomoQueueStatusCommand"), command(t, "subtomoQueueCancelCommand")));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** A recorded command, "" when absent (a record written before they were) or None. */
    private static String command(StarTable t, String label) {
        if (!t.has(label)) return "";
        String v = t.get(label);
        return v.equals("None") ? "" : v;
    }
}
