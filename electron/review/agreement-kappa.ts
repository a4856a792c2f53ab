/**
 * Cohen's kappa (Cohen 1960) from a confusion matrix: κ = (Ao − Ae) / (1 − Ae), with Ao the share
 * of items both coders put in the same category and Ae = Σ_k p_A(k) · p_B(k), the agreement two
 * coders with these category shares would reach by chance.
 */

/**
 * `counts[i][j]`: items coder A put in category i and coder B in category j (both in the same
 * category order). Null when there are no items, or when chance agreement is 1 (both coders used
 * one and the same category for everything), where kappa is 0 / 0.
 */
export function cohensKappa(counts: readonly (readonly number[])[]): number | null {
  const size = counts.length;
  const rows = new Array<number>(size).fill(0);
  const columns = new Array<number>(size).fill(0);
  let n = 0;
  let agreed = 0;
  for (let i = 0; i < size; i++) {
    for (let j = 0; j < size; j++) {
      const c = counts[i]![j]!;
      rows[i]! += c;
      columns[j]! += c;
      n += c;
      if (i === j) agreed += c;
    }
  }
  if (n === 0) return null;
  let expected = 0;
  for (let k = 0; k < size; k++) expected += (rows[k]! / n) * (columns[k]! / n);
  if (1 - expected === 0) return null;
  return (agreed / n - expected) / (1 - expected);
}

/** Counts of value pairs (A's value, B's value), for values of any kind named by a string. */
export class PairTally {
  private readonly counts = new Map<string, Map<string, number>>();
  total = 0;
  agreed = 0;

  add(a: string, b: string): void {
    let row = this.counts.get(a);
    if (!row) this.counts.set(a, (row = new Map()));
    row.set(b, (row.get(b) ?? 0) + 1);
    this.total++;
    if (a === b) this.agreed++;
  }

  kappa(): number | null {
    const values = [...new Set([...this.counts.keys(), ...[...this.counts.values()].flatMap((row) => [...row.keys()])])];
    return cohensKappa(values.map((a) => values.map((b) => this.counts.get(a)?.get(b) ?? 0)));
  }
}
