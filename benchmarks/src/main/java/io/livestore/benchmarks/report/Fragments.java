package io.livestore.benchmarks.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The markdown fragments that non-JMH mains wrote for the report ({@code FanOutLatency},
 * {@code GcPauses}, {@code PeersFootprint}, each called with {@code --out DIR}): every
 * {@code DIR/<name>.md}, in file-name order, each with its {@code DIR/<name>.png} moved beside
 * the report's plots and linked from the fragment.
 */
final class Fragments {

    private Fragments() {
    }

    /**
     * The fragments of {@code dir}, ready to append to the report.
     *
     * @param dir where the mains wrote their fragments; absent means none
     * @param plots the report's plot directory, where each fragment's PNG is copied
     * @param reportDir the directory of the report, which links are relative to
     * @return the fragments' markdown, in order
     * @throws IOException if a fragment cannot be read or its PNG copied
     */
    static List<String> collect(Path dir, Path plots, Path reportDir) throws IOException {
        final List<String> fragments = new ArrayList<>();
        if (dir == null || !Files.isDirectory(dir)) {
            return fragments;
        }
        final List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".md")).sorted().toList();
        }
        for (Path md : files) {
            final String name = md.getFileName().toString().replaceFirst("\\.md$", "");
            String text = Files.readString(md).strip();
            final Path png = dir.resolve(name + ".png");
            if (Files.exists(png)) {
                final Path target = plots.resolve(name + ".png");
                if (!png.toAbsolutePath().normalize().equals(target.toAbsolutePath().normalize())) {
                    Files.copy(png, target, StandardCopyOption.REPLACE_EXISTING);
                }
                final String link = ReportMain.link(reportDir, target);
                if (text.contains("(" + name + ".png)")) {
                    text = text.replace("(" + name + ".png)", "(" + link + ")");
                } else {
                    text = text + "\n\n![" + name + "](" + link + ")";
                }
            }
            fragments.add(text + "\n");
        }
        return fragments;
    }
}
