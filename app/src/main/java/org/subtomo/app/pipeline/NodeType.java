package org.subtomo.app.pipeline;

/**
 * What a file in the pipeline holds, with RELION 3.1's node type codes (rlnPipeLineNodeType), so that
 * RELION's GUI offers our outputs as inputs of the right kind.
 */
public enum NodeType {
    MOVIES(0), MICROGRAPHS(1), COORDINATES(2), PARTICLES(3), MOVIE_PARTICLES(4), REFERENCES_2D(5), MAP_3D(6), MASK(7),
    MODEL(8), OPTIMISER(9), HALF_MAP(10), FINAL_MAP(11), LOCAL_RES_MAP(12), PDF_LOGFILE(13), POSTPROCESS(14), POLISH_PARAMS(15);

    public final int code;

    NodeType(int code) { this.code = code; }
}
