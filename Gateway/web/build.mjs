// Builds the chart page into ../wwwroot, which the gateway serves as static files. Run by the
// Gateway project's build (Gateway.csproj) or by hand with `npm run build`.
import { build } from 'esbuild';
import { copyFile, mkdir, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const out = here('../wwwroot/');

// A clean output folder, so files dropped from the page do not linger in what is served.
await rm(out, { recursive: true, force: true });
await mkdir(out, { recursive: true });

await build({
  entryPoints: [here('src/main.js')],
  outfile: `${out}app.js`,
  bundle: true,
  format: 'esm',
  target: ['es2022'],
  minify: true,
  sourcemap: 'linked',
  // lightweight-charts is Apache-2.0: keep its licence notice next to the bundle.
  legalComments: 'linked',
  logLevel: 'warning',
});

for (const file of ['index.html', 'styles.css']) await copyFile(here(`src/${file}`), `${out}${file}`);
