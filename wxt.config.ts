import { defineConfig } from 'wxt';

// The manifest is assembled here; content-script matches come from src/sites so the
// list of enabled sites lives in exactly one module.
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  manifest: {
    name: 'Video Keeper',
    description: 'Captures the videos AI chat UIs generate and keeps them in a gallery.',
    permissions: ['downloads', 'alarms'],
    action: { default_title: 'Video Keeper' },
  },
});
