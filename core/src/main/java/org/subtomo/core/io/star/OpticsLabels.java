package org.subtomo.core.io.star;

import java.util.Set;

/**
 * Which labels describe the microscope and detector (and so belong in RELION 3.1's
 * {@code data_optics}) rather than one particle. Keys as {@link StarLabels#key} gives them.
 */
final class OpticsLabels {
    private OpticsLabels() {}

    static final String GROUP = "rlnOpticsGroup";
    static final String GROUP_NAME = "rlnOpticsGroupName";
    static final String IMAGE_PIXEL_SIZE = "rlnImagePixelSize";
    static final String MICROGRAPH_PIXEL_SIZE = "rlnMicrographPixelSize";
    static final String MAGNIFICATION = "rlnMagnification";
    static final String DETECTOR_PIXEL_SIZE = "rlnDetectorPixelSize";

    private static final Set<String> KEYS = Set.of(
            "OpticsGroupName", "Voltage", "SphericalAberration", "AmplitudeContrast",
            "ImagePixelSize", "MicrographPixelSize", "MicrographOriginalPixelSize", "Magnification", "DetectorPixelSize",
            "ImageSize", "ImageDimensionality", "CtfDataAreCtfPremultiplied",
            "BeamTiltX", "BeamTiltY", "OddZernike", "EvenZernike", "MtfFileName",
            "MagMat00", "MagMat01", "MagMat10", "MagMat11");

    static boolean isOptics(String label) { return KEYS.contains(StarLabels.key(label)); }

    /** "rlnOriginX" etc. in pixels (1.4) and "rlnOriginXAngst" (3.1), for axis 0, 1, 2. */
    static String originPixels(int axis) { return "rlnOrigin" + "XYZ".charAt(axis); }

    static String originAngst(int axis) { return originPixels(axis) + "Angst"; }
}
