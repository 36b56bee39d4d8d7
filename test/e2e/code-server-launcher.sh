#!/bin/sh
# The executable @vscode/test-electron's runTests starts in place of VS Code: the compiled launcher
# (test/e2e/launcher.ts), run with the same Node.
exec node "$(dirname "$0")/../../out/test/e2e/launcher.js" "$@"
