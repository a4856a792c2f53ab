import { contextBridge, ipcRenderer } from 'electron';
import type { BylineBridge } from '../schema/api';
import { isChannel } from '../schema/channels';

/** `window.byline`: one typed call into the main process per channel of schema/api.ts. */
const bridge: BylineBridge = {
  invoke(channel, request) {
    if (!isChannel(channel)) {
      return Promise.resolve({
        ok: false,
        error: { code: 'invalid_request', message: `There is no channel named ${String(channel)}.` },
      });
    }
    return ipcRenderer.invoke(channel, request);
  },
};

contextBridge.exposeInMainWorld('byline', bridge);
