/**
 * Krippendorff's alpha for nominal data with missing values (Krippendorff 1980; "Computing
 * Krippendorff's alpha-reliability", 2011), accumulated one unit at a time so a corpus never has
 * to be held in memory. A unit with fewer than two values is not pairable and is left out.
 *
 * With n_uc the values c in unit u, m_u = Σ_c n_uc, n_c = Σ_u n_uc (pairable units) and n = Σ_c n_c:
 *   Do = (1/n) Σ_u (m_u² − Σ_c n_uc²) / (m_u − 1)    (observed disagreement)
 *   De = (n² − Σ_c n_c²) / (n (n − 1))               (expected disagreement)
 *   α  = 1 − Do / De
 */
export class AlphaAccumulator {
  /** Σ_u Σ_{c≠k} n_uc n_uk / (m_u − 1). */
  private disagreeing = 0;
  /** n_c: values per category over the pairable units. */
  private readonly totals: Float64Array;

  /** `categories`: values are 0 .. categories − 1. */
  constructor(categories: number) {
    this.totals = new Float64Array(categories);
  }

  /**
   * One unit: `counts[c]` values c, for the categories listed in `seen` (each once); `m` is their
   * sum. Only the listed entries are read.
   */
  addUnit(counts: ArrayLike<number>, seen: readonly number[], m: number): void {
    if (m < 2) return;
    let squares = 0;
    for (const c of seen) {
      const count = counts[c]!;
      squares += count * count;
      this.totals[c]! += count;
    }
    this.disagreeing += (m * m - squares) / (m - 1);
  }

  /** A unit of two values `a` and `b`, the common case of two annotators: addUnit, faster. */
  addTwo(a: number, b: number): void {
    this.totals[a]!++;
    this.totals[b]!++;
    if (a !== b) this.disagreeing += 2;
  }

  /** Null when no unit was pairable or every value was the same category (alpha is then 0 / 0). */
  value(): number | null {
    let n = 0;
    let squares = 0;
    for (const count of this.totals) {
      n += count;
      squares += count * count;
    }
    const expected = n * n - squares;
    if (n === 0 || expected === 0) return null;
    return 1 - ((n - 1) * this.disagreeing) / expected;
  }
}

/** Alpha of a reliability data matrix: `units[u][coder]`, null where that coder gave no value. */
export function nominalAlpha(units: readonly (readonly (string | null)[])[]): number | null {
  const categories = new Map<string, number>();
  for (const unit of units) for (const value of unit) if (value !== null && !categories.has(value)) categories.set(value, categories.size);
  const alpha = new AlphaAccumulator(categories.size);
  const counts = new Float64Array(categories.size);
  for (const unit of units) {
    const seen: number[] = [];
    let m = 0;
    for (const value of unit) {
      if (value === null) continue;
      const c = categories.get(value)!;
      if (counts[c] === 0) seen.push(c);
      counts[c]!++;
      m++;
    }
    alpha.addUnit(counts, seen, m);
    for (const c of seen) counts[c] = 0;
  }
  return alpha.value();
}
