package org.subtomo.app.pipeline;

import org.subtomo.core.error.InputException;

/** A process's status, with RELION 3.1's numeric codes (rlnPipeLineProcessStatus) and labels. */
public enum JobStatus {
    RUNNING(0, "Running"), SCHEDULED(1, "Scheduled"), SUCCEEDED(2, "Succeeded"), FAILED(3, "Failed"), ABORTED(4, "Aborted");

    public final int code;
    public final String label;

    JobStatus(int code, String label) { this.code = code; this.label = label; }

    public static JobStatus of(int code, String where) {
        for (JobStatus s : values()) if (s.code == code) return s;
        throw new InputException(where + ": process status " + code + " is not one of RELION's 0-4 (running, scheduled, succeeded, failed, aborted)");
    }

    /** Whether the job has ended (successfully or not). */
    public boolean finished() { return this == SUCCEEDED || this == FAILED || this == ABORTED; }
}
