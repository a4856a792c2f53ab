/** Sets the application menu (menu-template.ts) and builds it again whenever the recent workspaces change. */
import { Menu } from 'electron';
import { basename, extname } from 'node:path';
import type { Command } from '../schema/commands';
import type { AppStateFile } from './app-state';
import { menuTemplate } from './menu-template';

export function installAppMenu(
  state: Pick<AppStateFile, 'recent' | 'onRecentChange'>,
  actions: { send(command: Command): void; openRecent(path: string): void },
): void {
  const build = () =>
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        menuTemplate({
          platform: process.platform,
          appName: 'Byline',
          recent: state.recent().map((path) => ({ path, name: basename(path, extname(path)) })),
          ...actions,
        }),
      ),
    );
  build();
  state.onRecentChange(build);
}
