import type { BylineBridge } from '../schema/api';

declare global {
  interface Window {
    /** Defined by the Electron preload or by the test host's bridge script. */
    readonly byline: BylineBridge;
  }
}
