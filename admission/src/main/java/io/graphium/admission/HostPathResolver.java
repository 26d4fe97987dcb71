package io.graphium.admission;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Turns a host path into the path a bind mount of it would really reach. The orchestrator cannot see the hosts, so
 * it checks the normal form ({@link #LEXICAL}); the agent resolves symbolic links on its own host
 * ({@link #FILESYSTEM}), so that {@code /srv/data/link -> /} is checked as {@code /}.
 */
@FunctionalInterface
public interface HostPathResolver {

    /** The normal form, as written. */
    HostPathResolver LEXICAL = path -> path;

    /**
     * The real path on this machine: symbolic links resolved in the longest part that exists (Docker creates a
     * missing bind source as a directory, so the rest is taken as written).
     */
    HostPathResolver FILESYSTEM = path -> {
        Path existing = Path.of(path.value());
        String missing = "";
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            missing = existing.getFileName() + (missing.isEmpty() ? "" : "/" + missing);
            existing = existing.getParent();
        }
        if (existing == null) {
            return path;
        }
        try {
            HostPath real = HostPath.of(existing.toRealPath().toString());
            return missing.isEmpty() ? real : real.resolve(missing);
        } catch (IOException e) { // a dangling link: where it points does not exist yet; check its target
            try {
                Path target = Files.readSymbolicLink(existing);
                Path absolute = existing.getParent() == null ? target : existing.getParent().resolve(target);
                return HostPath.of(absolute.toString()).resolve(missing.isEmpty() ? "." : missing);
            } catch (IOException | UnsupportedOperationException notLink) {
                return path;
            }
        }
    };

    HostPath resolve(HostPath path);
}
