export interface Measurement {
  /** The figure reported: a median, a percentile or a maximum, per scenario. */
  value: number;
  /** How many runs or samples `value` was taken over. */
  n: number;
  /** The raw samples and anything else worth a line under the table. */
  detail?: string;
  /** Set when the figure was taken but the run showed the app misbehaving. */
  problem?: string;
}

export interface Scenario {
  id: string;
  unit: 'ms' | 'MB' | 's';
  /** The value must be at or below it. */
  target: number;
  run(): Promise<Measurement>;
}

/** A group of scenarios that share set-up (a workspace, a host, a browser), torn down once. */
export interface ScenarioGroup {
  scenarios: Scenario[];
  close(): Promise<void>;
}
