package org.subtomo.app.gui;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The end of a job's log and its latest progress. Progress lines are those core.progress.Progress prints
 * in logs: {@code LABEL [bar] DONE/TOTAL (P%) ELAPSED[ ETA T]} (the bar only on a terminal).
 */
public final class LogTail {
    private LogTail() {}

    static final Pattern PROGRESS = Pattern.compile("^(.*?) (?:\\[[# ]*\\] )?(\\d+)/(\\d+) \\((\\d+)%\\) (.*?)(?: ETA (.*))?$");

    /** The last {@code maxBytes} of a file as lines (the first, cut, line dropped); empty if there is no file. */
    public static List<String> lines(Path file, int maxBytes) {
        if (file == null || !Files.isRegularFile(file)) return List.of();
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            long len = f.length(), start = Math.max(0, len - maxBytes);
            byte[] buf = new byte[(int) (len - start)];
            f.seek(start);
            f.readFully(buf);
            String text = new String(buf, StandardCharsets.UTF_8);
            List<String> out = new ArrayList<>();
            for (String l : text.split("\r?\n|\r", -1)) out.add(l);
            if (start > 0 && !out.isEmpty()) out.removeFirst();
            if (!out.isEmpty() && out.getLast().isEmpty()) out.removeLast();
            return out;
        } catch (IOException e) {
            return List.of("(cannot read " + file.getFileName() + ": " + e.getMessage() + ")");
        }
    }

    /** The latest progress line among {@code lines}, as label/done/total/percent/elapsed/eta, or null. */
    public static Map<String, Object> progress(List<String> lines) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            Matcher m = PROGRESS.matcher(lines.get(i).strip());
            if (!m.matches()) continue;
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("label", m.group(1));
            p.put("done", Long.parseLong(m.group(2)));
            p.put("total", Long.parseLong(m.group(3)));
            p.put("percent", Integer.parseInt(m.group(4)));
            p.put("elapsed", m.group(5));
            p.put("eta", m.group(6) == null ? "" : m.group(6));
            return p;
        }
        return null;
    }
}
