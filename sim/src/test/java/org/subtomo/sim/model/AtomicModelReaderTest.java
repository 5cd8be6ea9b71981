package org.subtomo.sim.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.subtomo.core.error.InputException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class AtomicModelReaderTest {
    @Test void builtInModelIsTheUnc18SyntaxinComplex() {
        AtomicModel m = AtomicModelReader.builtIn("2XHE.pdb.gz");
        assertEquals(6267 + 48, m.atoms().size(), "6267 ATOM + 48 water HETATM records in 2XHE");
        assertEquals(Set.of("A", "B"), m.chains());
        AtomicModel protein = m.withoutWater();
        assertEquals(6267, protein.atoms().size());
        // First ATOM record: N of HIS A 0 at (-16.300, -47.169, 4.756), B 117.90.
        Atom first = protein.atoms().get(0);
        assertEquals("N", first.element());
        assertEquals(-16.300, first.x(), 1e-9); assertEquals(-47.169, first.y(), 1e-9); assertEquals(4.756, first.z(), 1e-9);
        assertEquals(117.90, first.bFactor(), 1e-9);
        assertTrue(protein.withoutChains(Set.of("B")).atoms().size() < protein.atoms().size());
        assertTrue(protein.radius() > 30 && protein.radius() < 120, "radius " + protein.radius());
    }

    /** An mmCIF written by another program (gemmi) from the same PDB file gives the same atoms. */
    @Test void mmcifWrittenByGemmiMatchesPdb(@TempDir Path dir) throws Exception {
        Path pdb = dir.resolve("2XHE.pdb.gz");
        try (var in = AtomicModelReader.class.getResourceAsStream("/org/subtomo/sim/models/2XHE.pdb.gz")) {
            Files.copy(in, pdb);
        }
        Path cif = dir.resolve("2XHE.cif");
        boolean ok;
        try {
            Process p = new ProcessBuilder("/usr/bin/python3", "-c",
                    "import gemmi,sys; st=gemmi.read_structure(sys.argv[1]); st.make_mmcif_document().write_file(sys.argv[2])",
                    pdb.toString(), cif.toString()).redirectErrorStream(true).start();
            ok = p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (java.io.IOException e) { ok = false; }
        assumeTrue(ok, "skipped: /usr/bin/python3 with gemmi (Debian python3-gemmi) not available");
        AtomicModel fromPdb = AtomicModelReader.read(pdb), fromCif = AtomicModelReader.read(cif);
        assertEquals(fromPdb.atoms().size(), fromCif.atoms().size());
        // gemmi files each chain's waters right after the chain; compare proteins in order.
        AtomicModel a = fromPdb.withoutWater(), b = fromCif.withoutWater();
        assertEquals(a.atoms().size(), b.atoms().size());
        for (int i = 0; i < a.atoms().size(); i++) {
            Atom x = a.atoms().get(i), y = b.atoms().get(i);
            assertEquals(x.element(), y.element(), "atom " + i);
            assertEquals(x.x(), y.x(), 1e-3); assertEquals(x.y(), y.y(), 1e-3); assertEquals(x.z(), y.z(), 1e-3);
            assertEquals(x.bFactor(), y.bFactor(), 1e-2);
            assertEquals(x.chain(), y.chain());
            assertEquals(x.water(), y.water());
        }
    }

    @Test void mmcifQuotedTokensAndSecondModelIgnored(@TempDir Path dir) throws Exception {
        Path cif = dir.resolve("t.cif");
        Files.writeString(cif, """
                data_t
                loop_
                _atom_site.group_PDB
                _atom_site.type_symbol
                _atom_site.label_atom_id
                _atom_site.label_comp_id
                _atom_site.auth_asym_id
                _atom_site.Cartn_x
                _atom_site.Cartn_y
                _atom_site.Cartn_z
                _atom_site.occupancy
                _atom_site.B_iso_or_equiv
                _atom_site.pdbx_PDB_model_num
                ATOM P "O5'" DA A 1.0 2.0 3.0 1.00 20.0 1
                ATOM C 'C1 X' DA A 4.0 5.0 6.0 0.50 ? 1
                ATOM C C1 DA A 7.0 8.0 9.0 1.00 20.0 2
                #
                """);
        AtomicModel m = AtomicModelReader.read(cif);
        assertEquals(2, m.atoms().size());
        assertEquals("P", m.atoms().get(0).element());
        assertEquals(0.5, m.atoms().get(1).occupancy());
        assertEquals(0.0, m.atoms().get(1).bFactor());
    }

    @Test void badCoordinateNamesFileAndLine(@TempDir Path dir) throws Exception {
        Path pdb = dir.resolve("bad.pdb");
        Files.writeString(pdb, "HEADER    TEST\nATOM      1  N   HIS A   0     -16.300 -4x.169   4.756  1.00117.90           N\n");
        InputException e = assertThrows(InputException.class, () -> AtomicModelReader.read(pdb));
        assertTrue(e.getMessage().contains("bad.pdb line 2") && e.getMessage().contains("y (columns 39-46)"), e.getMessage());
    }
}
