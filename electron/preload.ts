import { contextBridge, ipcRenderer, webUtils } from 'electron';
import type { BylineBridge, HostEvent } from '../schema/api';
import { EVENT_CHANNEL, isChannel } from '../schema/channels';

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
  subscribe(listener) {
    const forward = (_event: Electron.IpcRendererEvent, hostEvent: HostEvent) => listener(hostEvent);
    ipcRenderer.on(EVENT_CHANNEL, forward);
    return () => ipcRenderer.removeListener(EVENT_CHANNEL, forward);
  },
  // Files the page made itself have no path (''): only what was dropped from the OS is kept.
  droppedPaths: (files) => Promise.resolve(files.map((file) => webUtils.getPathForFile(file)).filter(Boolean)),
};

contextBridge.exposeInMainWorld('byline', bridge);
