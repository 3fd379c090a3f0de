package io.surge.replay;

import io.surge.engine.journal.ChronicleJournal;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The journal folder a tool may safely memory-map. Usually the journal itself. When a cycle file
 * was cut short (a truncated copy), mapping it would touch pages with no file behind them and the
 * JVM dies of SIGBUS; the view then is a temporary folder with links to the whole files and a
 * private copy of each cut-short one, padded with zeros to its whole length. Zeros read as the end
 * of the data, so the tools stop at the cut, and {@link #lostEnd()} and {@link #blameCut} say
 * where and why. The journal itself is never modified.
 */
final class JournalView implements AutoCloseable {
    private static final String TRUNCATED = "(truncated?)";

    private final Path directory;
    private final Path temporary;
    private final List<String> cutShort;

    private JournalView(Path directory, Path temporary, List<String> cutShort) {
        this.directory = directory;
        this.temporary = temporary;
        this.cutShort = cutShort;
    }

    static JournalView of(DataDir dataDir) {
        final Path journal = dataDir.journal();
        final List<Path> files;
        try (Stream<Path> listing = Files.list(journal)) {
            files = listing.sorted().toList();
        } catch (IOException e) {
            throw new ReplayException(journal + ": cannot list the journal: " + e.getMessage());
        }
        final List<String> cutShort = new ArrayList<>();
        for (Path file : files) {
            final long length = length(file);
            if (isCycleFile(file) && ChronicleJournal.wholeCycleFileLength(length) != length) {
                cutShort.add(file.getFileName() + " is " + length + " bytes, cut short (a whole cycle file is "
                    + ChronicleJournal.wholeCycleFileLength(length) + ")");
            }
        }
        if (cutShort.isEmpty()) {
            return new JournalView(journal, null, List.of());
        }
        final Path view = padded(journal, files);
        return new JournalView(view, view, cutShort);
    }

    /** The folder to open read-only. */
    Path directory() {
        return directory;
    }

    /** Damage found in a cut-short journal is the cut's doing: the reason, naming the cut. */
    String blameCut(String reason) {
        if (cutShort.isEmpty() || reason.contains(TRUNCATED)) {
            return reason;
        }
        return reason + "; " + String.join("; ", cutShort) + " " + TRUNCATED;
    }

    /** Why a cut-short journal's end is not its real end; null when the journal is whole. */
    String lostEnd() {
        if (cutShort.isEmpty()) {
            return null;
        }
        return "the journal ends here, but " + String.join("; ", cutShort)
            + ": entries written after this point are lost " + TRUNCATED;
    }

    @Override
    public void close() {
        if (temporary == null) {
            return;
        }
        try (Stream<Path> walk = Files.walk(temporary)) {
            walk.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
    }

    private static Path padded(Path journal, List<Path> files) {
        try {
            final Path view = Files.createTempDirectory("surge-journal-view");
            for (Path file : files) {
                final Path target = view.resolve(file.getFileName());
                final long length = length(file);
                final long whole = ChronicleJournal.wholeCycleFileLength(length);
                if (isCycleFile(file) && whole != length) {
                    Files.copy(file, target);
                    try (RandomAccessFile padding = new RandomAccessFile(target.toFile(), "rw")) {
                        padding.setLength(whole); // sparse: the missing part reads as zeros
                    }
                } else {
                    Files.createSymbolicLink(target, file.toAbsolutePath());
                }
            }
            return view;
        } catch (IOException e) {
            throw new ReplayException(journal + ": a cycle file is cut short and no padded copy could be made: "
                + e.getMessage());
        }
    }

    private static boolean isCycleFile(Path file) {
        return file.getFileName().toString().endsWith(ChronicleJournal.CYCLE_FILE_SUFFIX) && Files.isRegularFile(file);
    }

    private static long length(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new ReplayException(file + ": cannot read its size: " + e.getMessage());
        }
    }
}
