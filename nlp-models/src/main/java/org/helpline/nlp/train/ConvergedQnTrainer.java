package org.helpline.nlp.train;

import java.util.ArrayList;
import java.util.List;

import opennlp.tools.ml.AbstractEventTrainer;
import opennlp.tools.ml.maxent.quasinewton.Function;
import opennlp.tools.ml.maxent.quasinewton.LineSearch;
import opennlp.tools.ml.maxent.quasinewton.NegLogLikelihood;
import opennlp.tools.ml.maxent.quasinewton.QNMinimizer;
import opennlp.tools.ml.maxent.quasinewton.QNModel;
import opennlp.tools.ml.model.AbstractModel;
import opennlp.tools.ml.model.Context;
import opennlp.tools.ml.model.DataIndexer;

/**
 * L2-regularised maxent trained by L-BFGS <em>to convergence</em>; the model it writes is an ordinary OpenNLP
 * {@link QNModel}, loaded and evaluated like any other.
 *
 * <p>Why not OpenNLP's own MAXENT_QN: its {@code QNMinimizer} stops the first time one iteration improves the
 * objective by less than 0.01% (a constant), and with our tens of thousands of correlated features (character
 * n-grams) one short line-search step does that early: on the English risk set it stopped after 27 iterations with
 * the objective still falling 5% per iteration. The model was then wherever the optimiser happened to be, so
 * removing one training line moved some probabilities by 0.6 and the hard-negative count swung between 7 and 17.
 * The L2-regularised objective is strictly convex: at its minimum, the model is a stable function of the data.
 *
 * <p>Same objective (OpenNLP's {@link NegLogLikelihood} plus {@code L2Cost}·‖w‖²), same line search, same L-BFGS
 * two-loop recursion with {@code NumOfUpdates} corrections; it stops when the relative gradient norm falls below
 * {@link #GRADIENT_TOLERANCE}, when the objective has improved by less than {@link #VALUE_TOLERANCE} (relative) over
 * the last {@link #WINDOW} iterations, or after {@code Iterations}. Deterministic.
 */
public final class ConvergedQnTrainer extends AbstractEventTrainer {
    static final double GRADIENT_TOLERANCE = 1e-6;
    static final double VALUE_TOLERANCE = 1e-7;
    static final int WINDOW = 5;
    private static final double MIN_STEP = 1e-12;

    /** Iterations run by the last {@link #doTrain} (for the build log). */
    private int iterationsRun;

    @Override
    public boolean isSortAndMerge() {
        return true;
    }

    @Override
    public void validate() {
        // the parameters are ours (Trainer.parameters()); AbstractTrainer's algorithm-name check does not apply
    }

    int iterationsRun() {
        return iterationsRun;
    }

    @Override
    public AbstractModel doTrain(DataIndexer indexer) {
        double l2 = trainingParameters.getDoubleParameter("L2Cost", 0.3);
        int m = trainingParameters.getIntParameter("NumOfUpdates", 15);
        double[] parameters = minimise(new QNMinimizer.L2RegFunction(new NegLogLikelihood(indexer), l2), m,
                getIterations());
        String[] predLabels = indexer.getPredLabels();
        String[] outcomes = indexer.getOutcomeLabels();
        int[] outcomePattern = new int[outcomes.length];
        for (int o = 0; o < outcomes.length; o++) {
            outcomePattern[o] = o;
        }
        Context[] params = new Context[predLabels.length];
        for (int c = 0; c < predLabels.length; c++) {
            double[] alpha = new double[outcomes.length];
            for (int o = 0; o < outcomes.length; o++) {
                alpha[o] = parameters[o * predLabels.length + c];
            }
            params[c] = new Context(outcomePattern.clone(), alpha);
        }
        return new QNModel(params, predLabels, outcomes);
    }

    private double[] minimise(Function f, int m, int maxIterations) {
        int n = f.getDimension();
        double[] x = new double[n];
        double value = f.valueAt(x);
        double[] grad = f.gradientAt(x).clone();
        LineSearch.LineSearchResult lsr = LineSearch.LineSearchResult.getInitialObject(value, grad, x);
        List<double[]> s = new ArrayList<>();
        List<double[]> y = new ArrayList<>();
        List<Double> rho = new ArrayList<>();
        List<Double> history = new ArrayList<>();
        history.add(value);
        double[] direction = new double[n];
        double step = 1.0 / Math.max(1e-12, norm(grad));
        iterationsRun = 0;
        for (int iter = 1; iter <= maxIterations; iter++) {
            iterationsRun = iter;
            System.arraycopy(lsr.getGradAtNext(), 0, direction, 0, n);
            twoLoop(direction, s, y, rho);
            LineSearch.doLineSearch(f, direction, lsr, step);
            double[] sk = new double[n];
            double[] yk = new double[n];
            double sy = 0;
            double[] curr = lsr.getCurrPoint();
            double[] next = lsr.getNextPoint();
            double[] gCurr = lsr.getGradAtCurr();
            double[] gNext = lsr.getGradAtNext();
            for (int j = 0; j < n; j++) {
                sk[j] = next[j] - curr[j];
                yk[j] = gNext[j] - gCurr[j];
                sy += sk[j] * yk[j];
            }
            if (sy > 0) { // keep the Hessian approximation positive definite
                if (s.size() == m) {
                    s.remove(0);
                    y.remove(0);
                    rho.remove(0);
                }
                s.add(sk);
                y.add(yk);
                rho.add(1.0 / sy);
            }
            double v = lsr.getValueAtNext();
            history.add(v);
            if (norm(gNext) / Math.max(1, norm(next)) < GRADIENT_TOLERANCE || lsr.getStepSize() < MIN_STEP) {
                break;
            }
            if (history.size() > WINDOW) {
                double before = history.get(history.size() - 1 - WINDOW);
                if ((before - v) / Math.max(1e-12, Math.abs(v)) < VALUE_TOLERANCE) {
                    break;
                }
            }
            step = 1.0;
        }
        return lsr.getNextPoint().clone();
    }

    /** L-BFGS two-loop recursion (Nocedal and Wright, Numerical Optimization, 2006, p. 178); leaves the descent direction. */
    private static void twoLoop(double[] d, List<double[]> s, List<double[]> y, List<Double> rho) {
        int k = s.size();
        double[] alpha = new double[k];
        for (int i = k - 1; i >= 0; i--) {
            alpha[i] = rho.get(i) * dot(s.get(i), d);
            axpy(-alpha[i], y.get(i), d);
        }
        if (k > 0) { // initial Hessian scaling gamma = s'y / y'y
            double gamma = 1.0 / (rho.get(k - 1) * dot(y.get(k - 1), y.get(k - 1)));
            for (int j = 0; j < d.length; j++) {
                d[j] *= gamma;
            }
        }
        for (int i = 0; i < k; i++) {
            double beta = rho.get(i) * dot(y.get(i), d);
            axpy(alpha[i] - beta, s.get(i), d);
        }
        for (int j = 0; j < d.length; j++) {
            d[j] = -d[j];
        }
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    private static void axpy(double a, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
            y[i] += a * x[i];
        }
    }

    private static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }
}
