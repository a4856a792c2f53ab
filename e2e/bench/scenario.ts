export interface Measurement {
  /** The figure reported: a median, a percentile or a maximum, per scenario. */
  value: number;
  /** How many runs or samples `value` was taken over. */
  n: number;
  /**
   * The figure of each run, in order: each run's time for a median, each run's percentile for a
   * percentile taken in several runs, the one figure of a single run.
   */
  runs: number[];
  /** The raw samples and anything else worth a line under the table. */
  detail?: string;
  /** Set when the figure was taken but the run showed the app misbehaving. */
  problem?: string;
}

export interface Scenario {
  id: string;
  /** 'x': a ratio of two figures; 'F1': a score from 0 to 1. */
  unit: 'ms' | 'MB' | 's' | 'x' | 'F1';
  /** The value must be at or below it (at or above it, when higher is better). */
  target: number;
  /** Lower is better unless this says otherwise (a score). */
  better?: 'lower' | 'higher';
  run(): Promise<Measurement>;
}

/** A group of scenarios that share set-up (a workspace, a host, a browser), torn down once. */
export interface ScenarioGroup {
  scenarios: Scenario[];
  close(): Promise<void>;
}
