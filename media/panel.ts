// Entry point of the reachability webview (bundled to dist/media/panel.js).

import { App } from './app';
import { vscodeApi } from './vscodeApi';

const root = document.getElementById('app');
if (root) new App(root, vscodeApi());
