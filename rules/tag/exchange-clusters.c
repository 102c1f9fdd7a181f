/* exchange-clusters: word classes by the exchange algorithm (Kneser & Ney
 * 1993, Martin et al. 1998): K classes that maximise the likelihood of a
 * class bigram model, i.e.
 *     F = sum_{a,b} f(N(a,b)) - sum_a f(Nl(a)) - sum_b f(Nr(b)),  f(x) = x ln x
 * over the bigram counts N of the words' classes.  A build-time helper of
 * build-clusters.py (TAG.md); not part of the `tag` tool.
 *
 * Usage: exchange-clusters K ITERS < bigrams > classes
 * Input: first line "V" (number of words, ids 0..V-1, in decreasing
 * frequency), then lines "a b count" (word a followed by word b).
 * Output: V lines, the class (0..K-1) of word 0, 1, ...
 * Start: word i in class i mod K; then ITERS passes over the words in id
 * order, each word moved to the class that raises F most (ties: the lower
 * class; a word stays unless the gain is > 1e-9).  Deterministic.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FTAB (1 << 22)
static double *ftab;

static double f(long x)
{
	if (x < FTAB)
		return ftab[x];
	return (double)x * log((double)x);
}

struct edge { int w; long n; };

static int cmp_edge(const void *p, const void *q)
{
	const struct edge *a = p, *b = q;
	return a->w - b->w;
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: exchange-clusters K ITERS < bigrams\n");
		return 2;
	}
	int K = atoi(argv[1]), iters = atoi(argv[2]);
	int V;
	if (scanf("%d", &V) != 1 || V <= 0 || K <= 1)
		return 2;
	ftab = malloc(sizeof *ftab * FTAB);
	ftab[0] = 0;
	for (long i = 1; i < FTAB; i++)
		ftab[i] = (double)i * log((double)i);
	/* read bigrams */
	size_t cap = 1 << 20, nb = 0;
	int *A = malloc(cap * sizeof *A), *B = malloc(cap * sizeof *B);
	long *C = malloc(cap * sizeof *C);
	int a, b;
	long c;
	while (scanf("%d %d %ld", &a, &b, &c) == 3) {
		if (a < 0 || a >= V || b < 0 || b >= V)
			return 2;
		if (nb == cap) {
			cap *= 2;
			A = realloc(A, cap * sizeof *A);
			B = realloc(B, cap * sizeof *B);
			C = realloc(C, cap * sizeof *C);
		}
		A[nb] = a; B[nb] = b; C[nb] = c; nb++;
	}
	/* right (a -> b) and left (b <- a) adjacency, without self pairs */
	long *ro = calloc(V + 1, sizeof *ro), *lo = calloc(V + 1, sizeof *lo);
	long *self = calloc(V, sizeof *self), *nl = calloc(V, sizeof *nl), *nr = calloc(V, sizeof *nr);
	for (size_t i = 0; i < nb; i++) {
		nl[A[i]] += C[i];	/* count as a left word */
		nr[B[i]] += C[i];	/* count as a right word */
		if (A[i] == B[i])
			self[A[i]] += C[i];
		else {
			ro[A[i] + 1]++;
			lo[B[i] + 1]++;
		}
	}
	for (int i = 0; i < V; i++) {
		ro[i + 1] += ro[i];
		lo[i + 1] += lo[i];
	}
	struct edge *re = malloc(sizeof *re * (ro[V] + 1)), *le = malloc(sizeof *le * (lo[V] + 1));
	long *rp = calloc(V, sizeof *rp), *lp = calloc(V, sizeof *lp);
	for (size_t i = 0; i < nb; i++) {
		if (A[i] == B[i])
			continue;
		re[ro[A[i]] + rp[A[i]]++] = (struct edge){B[i], C[i]};
		le[lo[B[i]] + lp[B[i]]++] = (struct edge){A[i], C[i]};
	}
	for (int i = 0; i < V; i++) {
		qsort(re + ro[i], ro[i + 1] - ro[i], sizeof *re, cmp_edge);
		qsort(le + lo[i], lo[i + 1] - lo[i], sizeof *le, cmp_edge);
	}
	free(A); free(B); free(C);
	/* classes */
	int *cls = malloc(sizeof *cls * V);
	long *M = calloc((size_t)K * K, sizeof *M), *Cl = calloc(K, sizeof *Cl), *Cr = calloc(K, sizeof *Cr);
	for (int i = 0; i < V; i++)
		cls[i] = i % K;
	for (int w = 0; w < V; w++) {
		Cl[cls[w]] += nl[w];
		Cr[cls[w]] += nr[w];
		M[(size_t)cls[w] * K + cls[w]] += self[w];
		for (long e = ro[w]; e < ro[w + 1]; e++)
			M[(size_t)cls[w] * K + cls[re[e].w]] += re[e].n;
	}
	long *R = calloc(K, sizeof *R), *L = calloc(K, sizeof *L);
	int *rz = malloc(sizeof *rz * K), *lz = malloc(sizeof *lz * K);
	double *gain = malloc(sizeof *gain * K);
	for (int it = 0; it < iters; it++) {
		long moved = 0;
		for (int w = 0; w < V; w++) {
			int nrz = 0, nlz = 0, from = cls[w];
			/* class counts of w's neighbours (w itself excluded) */
			for (long e = ro[w]; e < ro[w + 1]; e++) {
				int k = cls[re[e].w];
				if (!R[k])
					rz[nrz++] = k;
				R[k] += re[e].n;
			}
			for (long e = lo[w]; e < lo[w + 1]; e++) {
				int k = cls[le[e].w];
				if (!L[k])
					lz[nlz++] = k;
				L[k] += le[e].n;
			}
			/* take w out of its class */
			for (int j = 0; j < nrz; j++)
				M[(size_t)from * K + rz[j]] -= R[rz[j]];
			for (int j = 0; j < nlz; j++)
				M[(size_t)lz[j] * K + from] -= L[lz[j]];
			M[(size_t)from * K + from] -= self[w];
			Cl[from] -= nl[w];
			Cr[from] -= nr[w];
			/* gain of putting w into class k */
			int best = from;
			for (int k = 0; k < K; k++) {
				double g = f(Cl[k]) - f(Cl[k] + nl[w]) + f(Cr[k]) - f(Cr[k] + nr[w]);
				size_t row = (size_t)k * K;
				for (int j = 0; j < nrz; j++) {
					int x = rz[j];
					if (x != k)
						g += f(M[row + x] + R[x]) - f(M[row + x]);
				}
				for (int j = 0; j < nlz; j++) {
					int x = lz[j];
					if (x != k)
						g += f(M[(size_t)x * K + k] + L[x]) - f(M[(size_t)x * K + k]);
				}
				long mkk = M[row + k];
				g += f(mkk + R[k] + L[k] + self[w]) - f(mkk);
				gain[k] = g;
			}
			for (int k = 0; k < K; k++)
				if (gain[k] > gain[best] + 1e-9)
					best = k;
			/* put w into best */
			for (int j = 0; j < nrz; j++)
				M[(size_t)best * K + rz[j]] += R[rz[j]];
			for (int j = 0; j < nlz; j++)
				M[(size_t)lz[j] * K + best] += L[lz[j]];
			M[(size_t)best * K + best] += self[w];
			Cl[best] += nl[w];
			Cr[best] += nr[w];
			if (best != from)
				moved++;
			cls[w] = best;
			for (int j = 0; j < nrz; j++)
				R[rz[j]] = 0;
			for (int j = 0; j < nlz; j++)
				L[lz[j]] = 0;
		}
		double F = 0;
		for (size_t i = 0; i < (size_t)K * K; i++)
			F += f(M[i]);
		for (int k = 0; k < K; k++)
			F -= f(Cl[k]) + f(Cr[k]);
		fprintf(stderr, "exchange K=%d pass %d: %ld moved, F = %.6g\n", K, it + 1, moved, F);
		if (!moved)
			break;
	}
	for (int w = 0; w < V; w++)
		printf("%d\n", cls[w]);
	return 0;
}
