package io.graphium.admission;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * An absolute host path in normal form: no empty, {@code .} or {@code ..} components, no trailing slash. {@code ..}
 * is resolved lexically ({@code /srv/data/../../etc} is {@code /etc}, {@code /..} is {@code /}), so a prefix check
 * on the normal form cannot be walked out of. Symbolic links are a separate step ({@link HostPathResolver}).
 */
public record HostPath(String value) {

    public static final HostPath ROOT = new HostPath("/");

    public HostPath {
        if (value == null || !value.equals(normalForm(value))) {
            throw new IllegalArgumentException("'" + value + "' is not a normalized absolute path; use HostPath.of");
        }
    }

    /** The normal form of {@code path}; {@link IllegalArgumentException} when it is not absolute or has a NUL. */
    public static HostPath of(String path) {
        return new HostPath(normalForm(path));
    }

    private static String normalForm(String path) {
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("'" + path + "' is not an absolute path (it must start with '/')");
        }
        if (path.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("the path contains a NUL character");
        }
        Deque<String> parts = new ArrayDeque<>();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                parts.pollLast();
            } else {
                parts.addLast(part);
            }
        }
        return "/" + String.join("/", parts);
    }

    /** True when this path is {@code prefix} or below it, on component boundaries ({@code /srv/data2} is not in {@code /srv/data}). */
    public boolean isWithin(HostPath prefix) {
        return prefix.value.equals("/") || value.equals(prefix.value) || value.startsWith(prefix.value + "/");
    }

    /** This path followed by {@code relative} (which may hold {@code ..}), normalized. */
    public HostPath resolve(String relative) {
        return of(value + "/" + relative);
    }

    @Override
    public String toString() {
        return value;
    }
}
