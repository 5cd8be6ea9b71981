package org.subtomo.app.pipeline;

/**
 * Our stages as RELION 3.1 processes: the type code written to rlnPipeLineProcessType and the
 * directory jobs of that kind live in ({@code Class2D/job005/}). Stages RELION has no process for
 * (simulate, prepare) are written as RELION's "External" type (99) in a directory of their own.
 */
public enum JobType {
    IMPORT(0, "Import"), PREPARE(99, "Prepare"), EXTRACT(5, "Extract"), SELECT(7, "Select"), CLASS2D(8, "Class2D"),
    CLASS3D(9, "Class3D"), REFINE3D(10, "Refine3D"), MASK_CREATE(12, "MaskCreate"), POSTPROCESS(15, "PostProcess"),
    LOCALRES(16, "LocalRes"), SIMULATE(99, "Simulate");

    /** RELION 3.1's PROC_* code. */
    public final int relionType;
    /** Directory of the jobs, as RELION names it. */
    public final String directory;

    JobType(int relionType, String directory) { this.relionType = relionType; this.directory = directory; }

    /** The type of a process named {@code Dir/jobNNN/}, or null for a directory we do not know. */
    public static JobType ofProcess(String processName) {
        int slash = processName.indexOf('/');
        String dir = slash < 0 ? processName : processName.substring(0, slash);
        for (JobType t : values()) if (t.directory.equals(dir)) return t;
        return null;
    }
}
