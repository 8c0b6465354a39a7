#!/usr/bin/env node
// Launcher for `npx tifli` and `npm start`. The sources are TypeScript run by Node's built-in type
// stripping (Node 22.18+), so there is no build step and nothing compiled to commit.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  process.stderr.write(`tifli needs Node 22.18 or newer (this is ${process.versions.node}). Run it through npm (npm start, npx tifli), which uses the Node 22 installed in node_modules.\n`);
  process.exit(1);
}
await import('../src/cli/main.ts');
