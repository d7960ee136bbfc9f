package org.helpline.nlp.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A confusion matrix over fixed labels, with per-class precision/recall/F1. Rows = gold, columns = predicted. */
public final class Confusion {
    /** Precision, recall and F1 of one label. */
    public record ClassFigures(String label, int support, double precision, double recall, double f1) {
    }

    private final List<String> labels;
    private final int[][] counts;

    public Confusion(List<String> labels) {
        this.labels = List.copyOf(labels);
        this.counts = new int[labels.size()][labels.size()];
    }

    public void add(String gold, String predicted) {
        counts[index(gold)][index(predicted)]++;
    }

    private int index(String label) {
        int i = labels.indexOf(label);
        if (i < 0) {
            throw new IllegalArgumentException("unknown label " + label);
        }
        return i;
    }

    public List<String> labels() {
        return labels;
    }

    public int count(String gold, String predicted) {
        return counts[index(gold)][index(predicted)];
    }

    public int total() {
        int n = 0;
        for (int[] row : counts) {
            for (int c : row) {
                n += c;
            }
        }
        return n;
    }

    public double accuracy() {
        int right = 0;
        for (int i = 0; i < labels.size(); i++) {
            right += counts[i][i];
        }
        return total() == 0 ? 0 : (double) right / total();
    }

    public List<ClassFigures> perClass() {
        List<ClassFigures> out = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            int tp = counts[i][i];
            int gold = 0;
            int predicted = 0;
            for (int j = 0; j < labels.size(); j++) {
                gold += counts[i][j];
                predicted += counts[j][i];
            }
            double p = predicted == 0 ? 0 : (double) tp / predicted;
            double r = gold == 0 ? 0 : (double) tp / gold;
            double f1 = p + r == 0 ? 0 : 2 * p * r / (p + r);
            out.add(new ClassFigures(labels.get(i), gold, p, r, f1));
        }
        return out;
    }

    /** Mean F1 over the labels that occur in the gold data. */
    public double macroF1() {
        return perClass().stream().filter(c -> c.support() > 0).mapToDouble(ClassFigures::f1).average().orElse(0);
    }

    public String figuresTable() {
        StringBuilder b = new StringBuilder("| label | support | precision | recall | F1 |\n|---|---:|---:|---:|---:|\n");
        for (ClassFigures c : perClass()) {
            b.append(String.format(Locale.ROOT, "| %s | %d | %.3f | %.3f | %.3f |%n", c.label(), c.support(),
                    c.precision(), c.recall(), c.f1()));
        }
        b.append(String.format(Locale.ROOT, "| **macro** | %d | | | **%.3f** |%n", total(), macroF1()));
        return b.toString();
    }

    /** The matrix as a Markdown table, labels abbreviated in the header. */
    public String matrixTable() {
        StringBuilder b = new StringBuilder("| gold \\ predicted |");
        for (String l : labels) {
            b.append(' ').append(abbreviate(l)).append(" |");
        }
        b.append("\n|---|");
        b.append("---:|".repeat(labels.size())).append('\n');
        for (int i = 0; i < labels.size(); i++) {
            b.append("| ").append(labels.get(i)).append(" |");
            for (int j = 0; j < labels.size(); j++) {
                int c = counts[i][j];
                b.append(' ').append(c == 0 ? "·" : i == j ? "**" + c + "**" : String.valueOf(c)).append(" |");
            }
            b.append('\n');
        }
        return b.toString();
    }

    private static String abbreviate(String label) {
        if (label.length() <= 8) {
            return label;
        }
        StringBuilder b = new StringBuilder();
        for (String part : label.split("_")) {
            b.append(part, 0, Math.min(part.length(), 4)).append('_');
        }
        return b.substring(0, b.length() - 1);
    }
}
