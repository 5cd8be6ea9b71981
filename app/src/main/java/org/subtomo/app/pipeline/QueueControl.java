package org.subtomo.app.pipeline;

import org.subtomo.core.error.InputException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Following and cancelling a job in the batch queue it was sent to: the scheduler's status and cancel
 * commands, shell command lines in which {@value #JOB_ID} stands for the scheduler's job id (like the
 * submission template's placeholders, so a site can give any command). They are chosen at submission
 * ({@code --qstat}, {@code --qcancel}; defaults from the submit command) and recorded in the job's
 * queue.star, so that {@code subtomo jobs} and {@code jobs --abort} use the scheduler the job went to.
 *
 * <p>Defaults: {@code sbatch} (SLURM): {@code squeue -h -o %T -j ID} and {@code scancel ID}; {@code qsub}
 * (PBS/Torque and SGE): the state column of {@code qstat}'s line for the job and {@code qdel ID}. Other submit
 * commands have none: give them.
 */
public final class QueueControl {
    private QueueControl() {}

    /** Placeholder of the scheduler's job id in the status and cancel commands. */
    public static final String JOB_ID = "XXXjobidXXX";

    /** A scheduler's status and cancel commands ("" = not available). */
    public record Commands(String status, String cancel) {
        public Commands {
            status = status == null ? "" : status.strip();
            cancel = cancel == null ? "" : cancel.strip();
        }

        /** The commands of the scheduler behind a submit command (by its file name), or none. */
        public static Commands defaults(String qsub) {
            String name = qsub == null ? "" : Path.of(qsub.strip()).getFileName().toString();
            return switch (name) {
                case "sbatch" -> new Commands("squeue -h -o %T -j " + JOB_ID, "scancel " + JOB_ID);
                // qstat's 5th column is the state in both PBS ("S") and SGE ("state"); ids compared up to the first dot
                case "qsub" -> new Commands("qstat | awk -v id=" + JOB_ID + " 'BEGIN {split(id, a, /[.]/)} {split($1, b, /[.]/)} b[1] == a[1] {print $5}'",
                        "qdel " + JOB_ID);
                default -> new Commands("", "");
            };
        }

        /** These commands, each replaced by {@code status}/{@code cancel} when given (not null). */
        public Commands with(String status, String cancel) {
            return new Commands(status != null ? status : this.status, cancel != null ? cancel : this.cancel);
        }
    }

    /** What a scheduler command answered. */
    public record Answer(int exitCode, String output) {
        public String firstLine() { return output.strip().lines().findFirst().orElse(""); }
    }

    /** The command line with the job id in place of {@value #JOB_ID} (single-quoted for the shell). */
    static String fill(String command, String jobId) {
        if (!jobId.matches("[A-Za-z0-9_.:@+-]+")) throw new InputException("scheduler job id '" + jobId + "' is not a plain id; nothing sent to the scheduler");
        return command.replace(JOB_ID, "'" + jobId + "'");
    }

    /** Runs a scheduler command for a job (through sh, in the project directory), at most {@code seconds}. */
    static Answer run(String command, String jobId, Path dir, int seconds) {
        String line = fill(command, jobId);
        Process p;
        try {
            p = new ProcessBuilder("sh", "-c", line).directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new InputException("cannot run '" + line + "': " + e.getMessage());
        }
        // read while it runs: a chatty command must not block on a full pipe
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        });
        try {
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Answer(124, "no answer in " + seconds + " s");
            }
            return new Answer(p.exitValue(), out.get(5, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            return new Answer(130, "interrupted");
        } catch (Exception e) {
            return new Answer(p.exitValue(), "");
        }
    }

    /**
     * The job's state in the queue as the scheduler words it (PENDING, RUNNING, Q, R, qw, ...), "gone" when the
     * scheduler no longer lists it, "?" and the reason when it cannot tell, or "" when no status command is known.
     */
    public static String status(QueueSubmission.Submitted s, Path project) {
        if (s.statusCommand().isEmpty() || s.jobId().equals("unknown")) return "";
        Answer a = run(s.statusCommand(), s.jobId(), project, 20);
        if (a.exitCode() != 0) return "? (" + shorten(a.firstLine().isEmpty() ? "exit " + a.exitCode() : a.firstLine()) + ")";
        String state = a.firstLine().strip();
        return state.isEmpty() ? "gone" : shorten(state);
    }

    /** SLURM's states of a job that has ended (COMPLETED included: the batch script ran to its end). */
    private static final java.util.Set<String> ENDED = java.util.Set.of("COMPLETED", "FAILED", "TIMEOUT", "CANCELLED", "NODE_FAIL",
            "OUT_OF_MEMORY", "BOOT_FAIL", "DEADLINE", "PREEMPTED");

    /**
     * Whether a {@link #status} means the scheduler has ended the job: it no longer lists it, or SLURM says it ended
     * (CANCELLED by ... counts). A job still scheduled or running here that has ended there without writing its exit
     * marker has failed (killed, out of time, or its command never started).
     */
    public static boolean ended(String status) {
        if (status.equals("gone")) return true;
        String word = status.strip().split("\\s+")[0].toUpperCase(java.util.Locale.ROOT).replaceAll("[+]$", "");
        return ENDED.contains(word);
    }

    /** Removes the job from the queue (or stops it where it runs) with the recorded cancel command; returns the command run. */
    public static String cancel(QueueSubmission.Submitted s, Path project) {
        if (s.cancelCommand().isEmpty())
            throw new InputException("no cancel command recorded for scheduler job " + s.jobId() + " (submitted with " + s.submitCommand()
                    + "); cancel it with the scheduler's own command, or submit with --qcancel 'scancel " + JOB_ID + "'");
        if (s.jobId().equals("unknown"))
            throw new InputException("the scheduler's job id was not found in the submit command's output: cancel the job with the scheduler's own command");
        Answer a = run(s.cancelCommand(), s.jobId(), project, 60);
        String line = fill(s.cancelCommand(), s.jobId());
        if (a.exitCode() != 0)
            throw new InputException("'" + line + "' failed (exit " + a.exitCode() + "): " + (a.firstLine().isEmpty() ? "no output" : a.firstLine()));
        return line;
    }

    private static String shorten(String s) { return s.length() <= 40 ? s : s.substring(0, 37) + "..."; }
}
