package dev.leadline.plugins.bayes;

/**
 * L2-regularised logistic regression fitted by Newton's method (iteratively reweighted least squares)
 * with a halving line search: small, dense problems only (tens of inputs), where it converges in a
 * handful of steps. The intercept is not penalised.
 */
final class Logistic {
    private Logistic() {}

    /**
     * The weights of P(y = 1) = σ(w₀ + Σ wⱼ xⱼ): index 0 is the intercept, then one per column of {@code x}.
     *
     * @param l2 the penalty on the squared weights (not the intercept), in the units of the summed log-loss
     */
    static double[] fit(double[][] x, double[] y, double l2) {
        int n = x.length;
        int d = n == 0 ? 1 : x[0].length + 1;
        double[] w = new double[d];
        double positives = 0;
        for (double v : y) {
            positives += v;
        }
        w[0] = Math.log((positives + 0.5) / (n - positives + 0.5));
        double loss = loss(x, y, w, l2);
        for (int iteration = 0; iteration < 50; iteration++) {
            double[] gradient = new double[d];
            double[][] hessian = new double[d][d];
            for (int i = 0; i < n; i++) {
                double p = sigmoid(dot(w, x[i]));
                double r = p - y[i];
                double s = Math.max(p * (1 - p), 1e-12);
                for (int a = 0; a < d; a++) {
                    double xa = a == 0 ? 1 : x[i][a - 1];
                    gradient[a] += r * xa;
                    for (int b = 0; b <= a; b++) {
                        hessian[a][b] += s * xa * (b == 0 ? 1 : x[i][b - 1]);
                    }
                }
            }
            for (int a = 1; a < d; a++) {
                gradient[a] += l2 * w[a];
                hessian[a][a] += l2;
            }
            for (int a = 0; a < d; a++) {
                hessian[a][a] += 1e-9;
                for (int b = 0; b < a; b++) {
                    hessian[b][a] = hessian[a][b];
                }
            }
            double[] step = solve(hessian, gradient);
            double decrease = dot0(gradient, step);
            double t = 1;
            boolean moved = false;
            while (t >= 1e-8) {
                double[] tried = new double[d];
                for (int a = 0; a < d; a++) {
                    tried[a] = w[a] - t * step[a];
                }
                double triedLoss = loss(x, y, tried, l2);
                if (triedLoss <= loss - 1e-4 * t * decrease) {
                    w = tried;
                    moved = loss - triedLoss > 1e-9 * (1 + loss);
                    loss = triedLoss;
                    break;
                }
                t /= 2;
            }
            if (!moved) {
                break;
            }
        }
        return w;
    }

    /** σ(w₀ + Σ wⱼ xⱼ). */
    static double probability(double[] w, double[] x) {
        return sigmoid(dot(w, x));
    }

    static double sigmoid(double z) {
        return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    }

    private static double dot(double[] w, double[] x) {
        double z = w[0];
        for (int j = 0; j < x.length; j++) {
            z += w[j + 1] * x[j];
        }
        return z;
    }

    private static double dot0(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double loss(double[][] x, double[] y, double[] w, double l2) {
        double loss = 0;
        for (int i = 0; i < x.length; i++) {
            double z = dot(w, x[i]);
            // log(1 + e^z) − y·z, written to stay finite
            loss += (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - y[i] * z;
        }
        for (int a = 1; a < w.length; a++) {
            loss += 0.5 * l2 * w[a] * w[a];
        }
        return loss;
    }

    /** Solves the symmetric positive definite system by Cholesky decomposition. */
    private static double[] solve(double[][] m, double[] v) {
        int d = v.length;
        double[][] l = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                double s = m[i][j];
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                l[i][j] = i == j ? Math.sqrt(Math.max(s, 1e-12)) : s / l[j][j];
            }
        }
        double[] z = new double[d];
        for (int i = 0; i < d; i++) {
            double s = v[i];
            for (int k = 0; k < i; k++) {
                s -= l[i][k] * z[k];
            }
            z[i] = s / l[i][i];
        }
        double[] out = new double[d];
        for (int i = d - 1; i >= 0; i--) {
            double s = z[i];
            for (int k = i + 1; k < d; k++) {
                s -= l[k][i] * out[k];
            }
            out[i] = s / l[i][i];
        }
        return out;
    }
}
