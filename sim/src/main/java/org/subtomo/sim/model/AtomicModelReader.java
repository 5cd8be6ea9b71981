package org.subtomo.sim.model;

import org.subtomo.core.error.InputException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * Reads the first model of a PDB (.pdb, .ent) or mmCIF (.cif, .mmcif) file, optionally gzipped.
 * Only what a density simulation needs: element, position, B-factor, occupancy, chain.
 */
public final class AtomicModelReader {
    private AtomicModelReader() {}

    public static AtomicModel read(Path file) {
        String name = file.getFileName().toString();
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, name, file.toString());
        } catch (IOException e) {
            throw InputException.inFile(file, "cannot read atomic model: " + e.getMessage());
        }
    }

    /** The default model shipped with subtomo (see models/README.md). */
    public static AtomicModel builtIn(String resourceName) {
        try (InputStream in = AtomicModelReader.class.getResourceAsStream("/org/subtomo/sim/models/" + resourceName)) {
            if (in == null) throw new InputException("no built-in atomic model named " + resourceName);
            return read(in, resourceName, "built-in " + resourceName);
        } catch (IOException e) {
            throw new InputException("built-in model " + resourceName + ": " + e.getMessage());
        }
    }

    static AtomicModel read(InputStream raw, String fileName, String where) throws IOException {
        String lower = fileName.toLowerCase(Locale.ROOT);
        InputStream in = lower.endsWith(".gz") ? new GZIPInputStream(raw) : raw;
        if (lower.endsWith(".gz")) lower = lower.substring(0, lower.length() - 3);
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.ISO_8859_1));
        String modelName = lower.replaceAll("\\.(pdb|ent|cif|mmcif)$", "").toUpperCase(Locale.ROOT);
        List<Atom> atoms;
        if (lower.endsWith(".cif") || lower.endsWith(".mmcif")) atoms = MmcifAtoms.read(r, where);
        else if (lower.endsWith(".pdb") || lower.endsWith(".ent")) atoms = PdbAtoms.read(r, where);
        else throw new InputException(where + ": unknown atomic model format; use .pdb, .ent, .cif or .mmcif (optionally .gz)");
        if (atoms.isEmpty()) throw new InputException(where + ": no ATOM/HETATM records found");
        return new AtomicModel(modelName, atoms);
    }

    static double parseNumber(String s, String where, int line, String field) {
        try {
            return Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            throw new InputException(where + " line " + line + ": " + field + " is '" + s.trim() + "', not a number");
        }
    }

    /** Element from the element column, or guessed from the atom name as old PDB files require. */
    static String element(String elementField, String atomName) {
        String e = elementField == null ? "" : elementField.trim().replaceAll("[^A-Za-z]", "");
        if (!e.isEmpty()) return e.toUpperCase(Locale.ROOT);
        String n = atomName.trim().replaceAll("[^A-Za-z]", "");
        return n.isEmpty() ? "" : n.substring(0, 1).toUpperCase(Locale.ROOT);
    }

    static boolean isWater(String residue) {
        return residue.equals("HOH") || residue.equals("WAT") || residue.equals("DOD");
    }

    /** PDB fixed columns (wwPDB format 3.3, ATOM/HETATM records). */
    static final class PdbAtoms {
        static List<Atom> read(BufferedReader r, String where) throws IOException {
            List<Atom> atoms = new ArrayList<>();
            String l;
            int line = 0;
            while ((l = r.readLine()) != null) {
                line++;
                if (l.startsWith("ENDMDL")) break;   // first model only (NMR ensembles)
                if (!(l.startsWith("ATOM  ") || l.startsWith("HETATM"))) continue;
                if (l.length() < 54) throw new InputException(where + " line " + line + ": ATOM record is " + l.length() + " characters, needs at least 54 (x, y, z in columns 31-54)");
                char alt = l.charAt(16);
                if (alt != ' ' && alt != 'A') continue;  // keep one alternate location
                String atomName = l.substring(12, 16);
                String residue = l.substring(17, 20).trim();
                String chain = String.valueOf(l.charAt(21)).trim();
                double x = parseNumber(l.substring(30, 38), where, line, "x (columns 31-38)");
                double y = parseNumber(l.substring(38, 46), where, line, "y (columns 39-46)");
                double z = parseNumber(l.substring(46, 54), where, line, "z (columns 47-54)");
                double occ = l.length() >= 60 && !l.substring(54, 60).isBlank() ? parseNumber(l.substring(54, 60), where, line, "occupancy (columns 55-60)") : 1.0;
                double b = l.length() >= 66 && !l.substring(60, 66).isBlank() ? parseNumber(l.substring(60, 66), where, line, "B-factor (columns 61-66)") : 0.0;
                String el = element(l.length() >= 78 ? l.substring(76, 78) : "", atomName);
                atoms.add(new Atom(el, x, y, z, b, occ, chain, isWater(residue)));
            }
            return atoms;
        }
    }

    /**
     * The _atom_site loop of an mmCIF file. mmCIF values are whitespace-separated tokens, '?' and '.'
     * mean unknown; quoted tokens may hold spaces (atom names such as "O5'" are quoted).
     */
    static final class MmcifAtoms {
        static List<Atom> read(BufferedReader r, String where) throws IOException {
            List<String> labels = new ArrayList<>();
            List<Atom> atoms = new ArrayList<>();
            String l;
            int line = 0;
            boolean inLoop = false, inAtomSite = false;
            int iGroup = -1, iEl = -1, iAtom = -1, iComp = -1, iX = -1, iY = -1, iZ = -1, iOcc = -1, iB = -1, iChain = -1, iAlt = -1, iModel = -1;
            String firstModel = null;
            while ((l = r.readLine()) != null) {
                line++;
                String t = l.trim();
                if (t.equals("loop_")) { inLoop = true; inAtomSite = false; labels.clear(); continue; }
                if (inLoop && t.startsWith("_")) {
                    labels.add(t.split("\\s+")[0]);
                    inAtomSite = labels.get(0).startsWith("_atom_site.");
                    continue;
                }
                if (!inAtomSite) { if (t.startsWith("_") || t.startsWith("data_") || t.equals("#")) inLoop = false; continue; }
                if (t.isEmpty() || t.startsWith("#")) { if (!atoms.isEmpty()) break; continue; }
                if (iX < 0) {
                    iGroup = labels.indexOf("_atom_site.group_PDB"); iEl = labels.indexOf("_atom_site.type_symbol");
                    iAtom = labels.indexOf("_atom_site.label_atom_id"); iComp = labels.indexOf("_atom_site.label_comp_id");
                    iX = labels.indexOf("_atom_site.Cartn_x"); iY = labels.indexOf("_atom_site.Cartn_y"); iZ = labels.indexOf("_atom_site.Cartn_z");
                    iOcc = labels.indexOf("_atom_site.occupancy"); iB = labels.indexOf("_atom_site.B_iso_or_equiv");
                    iChain = labels.indexOf("_atom_site.auth_asym_id"); if (iChain < 0) iChain = labels.indexOf("_atom_site.label_asym_id");
                    iAlt = labels.indexOf("_atom_site.label_alt_id"); iModel = labels.indexOf("_atom_site.pdbx_PDB_model_num");
                    if (iX < 0 || iY < 0 || iZ < 0)
                        throw new InputException(where + " line " + line + ": _atom_site loop has no Cartn_x/Cartn_y/Cartn_z columns");
                }
                if (t.startsWith("_") || t.equals("loop_") || t.startsWith("data_")) break;
                List<String> v = tokens(t);
                if (v.size() != labels.size())
                    throw new InputException(where + " line " + line + ": " + v.size() + " values, the _atom_site loop has " + labels.size() + " labels");
                if (iModel >= 0) {
                    if (firstModel == null) firstModel = v.get(iModel);
                    else if (!firstModel.equals(v.get(iModel))) break;
                }
                if (iAlt >= 0) { String a = v.get(iAlt); if (!a.equals(".") && !a.equals("?") && !a.equals("A")) continue; }
                String el = element(iEl >= 0 ? clean(v.get(iEl)) : "", iAtom >= 0 ? v.get(iAtom) : "");
                double occ = iOcc >= 0 && !unknown(v.get(iOcc)) ? parseNumber(v.get(iOcc), where, line, "occupancy") : 1.0;
                double b = iB >= 0 && !unknown(v.get(iB)) ? parseNumber(v.get(iB), where, line, "B_iso_or_equiv") : 0.0;
                String comp = iComp >= 0 ? v.get(iComp) : "";
                atoms.add(new Atom(el, parseNumber(v.get(iX), where, line, "Cartn_x"), parseNumber(v.get(iY), where, line, "Cartn_y"),
                        parseNumber(v.get(iZ), where, line, "Cartn_z"), b, occ, iChain >= 0 ? v.get(iChain) : "", isWater(comp)));
                if (iGroup >= 0 && !(v.get(iGroup).equals("ATOM") || v.get(iGroup).equals("HETATM")))
                    throw new InputException(where + " line " + line + ": group_PDB is '" + v.get(iGroup) + "', expected ATOM or HETATM");
            }
            return atoms;
        }

        private static boolean unknown(String s) { return s.equals("?") || s.equals("."); }
        private static String clean(String s) { return unknown(s) ? "" : s; }

        static List<String> tokens(String line) {
            List<String> out = new ArrayList<>();
            int i = 0, n = line.length();
            while (i < n) {
                char c = line.charAt(i);
                if (Character.isWhitespace(c)) { i++; continue; }
                if (c == '\'' || c == '"') {
                    // A quote closes only when followed by whitespace or the end (mmCIF rule: O5' stays one token).
                    int j = i + 1;
                    while (j < n && !(line.charAt(j) == c && (j + 1 == n || Character.isWhitespace(line.charAt(j + 1))))) j++;
                    out.add(line.substring(i + 1, Math.min(j, n)));
                    i = j + 1;
                } else {
                    int j = i;
                    while (j < n && !Character.isWhitespace(line.charAt(j))) j++;
                    out.add(line.substring(i, j));
                    i = j;
                }
            }
            return out;
        }
    }
}
