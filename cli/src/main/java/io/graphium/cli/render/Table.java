package io.graphium.cli.render;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A plain text table: columns padded to their widest cell, two spaces apart, like {@code docker ps}. */
public final class Table {

    private final List<String[]> rows = new ArrayList<>();
    private final int columns;

    private Table(int columns) {
        this.columns = columns;
    }

    /** A table whose first line is this header. */
    public static Table withHeader(String... header) {
        Table table = new Table(header.length);
        table.rows.add(header);
        return table;
    }

    /** A table of plain rows, e.g. an indented {@code name  value} list. */
    public static Table withoutHeader(int columns) {
        return new Table(columns);
    }

    public Table row(Object... cells) {
        if (cells.length != columns) {
            throw new IllegalArgumentException("expected " + columns + " cells, got " + cells.length);
        }
        rows.add(Arrays.stream(cells).map(c -> c == null ? "-" : c.toString()).toArray(String[]::new));
        return this;
    }

    public List<String> lines() {
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        List<String> lines = new ArrayList<>();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                line.append(i == 0 ? "" : "  ").append(row[i]).append(" ".repeat(widths[i] - row[i].length()));
            }
            lines.add(line.toString().stripTrailing());
        }
        return lines;
    }
}
