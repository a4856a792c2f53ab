/**
 * electron-builder configuration of the release build. `npm run dist` builds the packages of the
 * current platform into release/: AppImage and deb on Linux, dmg on macOS, an NSIS installer on
 * Windows. `npm run dist:test` builds the unpacked test build (electron-builder.test-build.config.ts).
 *
 * Environment:
 * - ELECTRON_DIST: package this Electron instead of downloading one (offline builds): an unpacked
 *   Electron folder such as node_modules/electron/dist, a folder holding
 *   electron-v<version>-<platform>-<arch>.zip, or that zip itself. Same version as
 *   node_modules/electron.
 * - electron-builder's own variables still apply (ELECTRON_CACHE, ELECTRON_MIRROR, CSC_LINK, ...).
 *
 * Everything but better-sqlite3 is bundled into dist/ by Vite and esbuild, so dist/electron,
 * dist/renderer, package.json and better-sqlite3's runtime files are all the app needs.
 */
import type { Configuration } from 'electron-builder';

const config: Configuration = {
  appId: 'org.byline.workbench',
  productName: 'Byline',
  copyright: 'Copyright © the Byline authors',
  directories: { output: 'release', buildResources: 'build' },
  files: [
    'dist/electron/**',
    'dist/renderer/**',
    'package.json',
    '!**/*.map',
    // At run time better-sqlite3 needs lib/ and the prebuilt binary of the target platform; its
    // C sources (10 MB) and node-addon-api are for building from source, which the app never does.
    '!node_modules/better-sqlite3/{src,deps,prebuilds}/**',
    'node_modules/better-sqlite3/prebuilds/${platform}-${arch}.node',
    '!node_modules/node-addon-api/**',
  ],
  // Electron reads desktopName from the packed package.json for the Linux app_id / WM_CLASS,
  // which must match the .desktop file for the desktop to tie windows to the launcher.
  extraMetadata: { desktopName: 'byline.desktop' },
  electronDist: process.env.ELECTRON_DIST || undefined,
  // better-sqlite3 ships Node-API prebuilds that work in Electron 45 as they are: no rebuild.
  npmRebuild: false,
  asarUnpack: ['**/*.node'],
  icon: 'build/icon.png',
  fileAssociations: [
    {
      ext: 'bylinedb',
      name: 'Byline workspace',
      description: 'Byline workspace',
      mimeType: 'application/x-byline-workspace',
      role: 'Editor',
    },
  ],
  electronFuses: {
    // Nothing uses ELECTRON_RUN_AS_NODE: background jobs are worker threads, and the `byline`
    // command line runs on Node, not on the app's binary.
    runAsNode: false,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    // The app never goes online and sets no cookies; encrypting the (empty) cookie store would
    // only make Chromium ask the OS keyring for a key, a password prompt on some Linux desktops.
    enableCookieEncryption: false,
    // The renderer is served from app://, never from file://.
    grantFileProtocolExtraPrivileges: false,
  },
  linux: {
    target: ['AppImage', 'deb'],
    category: 'Office',
    icon: 'build/icons',
    syncDesktopName: true,
    // One workspace file, as a path (%f), which is what the app reads from its command line.
    executableArgs: ['%f'],
  },
  mac: {
    target: 'dmg',
    category: 'public.app-category.productivity',
  },
  win: {
    target: 'nsis',
  },
};

export default config;
