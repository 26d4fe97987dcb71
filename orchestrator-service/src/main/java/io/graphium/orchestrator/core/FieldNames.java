package io.graphium.orchestrator.core;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

/** Finds the known name a misspelt one was probably meant to be ("hostport" -> "hostPort", "sprad" -> "spread"). */
final class FieldNames {

    private FieldNames() {
    }

    /**
     * The candidate closest to {@code word} when it is an obvious typo: same letters in another case, or at most one
     * edit away (two for words longer than 4 characters). Ties go to the alphabetically first candidate.
     */
    static Optional<String> closest(String word, Collection<String> candidates) {
        if (word.length() < 3) {
            return Optional.empty();
        }
        int allowed = word.length() > 4 ? 2 : 1;
        return candidates.stream()
                .filter(candidate -> distance(word, candidate) <= allowed)
                .min(Comparator.comparingInt((String candidate) -> distance(word, candidate))
                        .thenComparing(Comparator.naturalOrder()));
    }

    /** Case-insensitive edit distance counting an adjacent transposition as one edit (optimal string alignment). */
    static int distance(String a, String b) {
        String s = a.toLowerCase(Locale.ROOT);
        String t = b.toLowerCase(Locale.ROOT);
        int[][] d = new int[s.length() + 1][t.length() + 1];
        for (int i = 0; i <= s.length(); i++) {
            for (int j = 0; j <= t.length(); j++) {
                if (i == 0 || j == 0) {
                    d[i][j] = i + j;
                    continue;
                }
                int cost = s.charAt(i - 1) == t.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && s.charAt(i - 1) == t.charAt(j - 2) && s.charAt(i - 2) == t.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[s.length()][t.length()];
    }
}
