// Prints a Mapbox Vector Tile in a canonical form: layers by name, features by id, with their properties and
// geometry. PostgreSQL may assemble a large tile from parallel workers, so the same data can come out with
// features in another order; the A/B bench compares tiles in this form when their bytes differ.
// Usage: node bench/mvt-canon.mjs FILE.mvt  (uses the web map's npm packages: run `npm ci` in web-map/ first)
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

const modules = join(dirname(new URL(import.meta.url).pathname), '..', 'web-map', 'node_modules');
const { VectorTile } = await import(pathToFileURL(join(modules, '@mapbox/vector-tile/index.js')).href);
const { PbfReader } = await import(pathToFileURL(join(modules, 'pbf/index.js')).href);

const tile = new VectorTile(new PbfReader(readFileSync(process.argv[2])));
const out = {};
for (const name of Object.keys(tile.layers).sort()) {
  const layer = tile.layers[name];
  const features = [];
  for (let i = 0; i < layer.length; i++) {
    const f = layer.feature(i);
    features.push({ id: f.id, type: f.type, properties: f.properties, geometry: f.loadGeometry().map(ring => ring.map(p => [p.x, p.y])) });
  }
  features.sort((a, b) => (a.id - b.id) || JSON.stringify(a).localeCompare(JSON.stringify(b)));
  out[name] = { extent: layer.extent, version: layer.version, features };
}
process.stdout.write(JSON.stringify(out));
