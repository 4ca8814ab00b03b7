// Puts Web Chat's browser bundle where the build copies it from: dist/webchat.js (and its licence file) out of the
// botframework-webchat tarball whose version and sha512 integrity package-lock.json records. The tarball is fetched
// with `npm pack` (one 7 MB file, through the npm registry configured on the machine) and refused unless its hash
// matches the lock file. Also writes webchat.js.gz (gzip -9) for browsers that accept it.
// Usage: node fetch-webchat.mjs <output folder>
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync, constants } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const out = process.argv[2];
if (!out) {
  console.error('usage: node fetch-webchat.mjs <output folder>');
  process.exit(2);
}

const lock = JSON.parse(readFileSync(join(here, 'package-lock.json'), 'utf8'));
const entry = lock.packages?.['node_modules/botframework-webchat'];
if (!entry?.version || !entry?.integrity?.startsWith('sha512-')) {
  console.error('fetch-webchat: package-lock.json has no botframework-webchat entry with a sha512 integrity');
  process.exit(1);
}

const stamp = join(out, 'webchat.integrity');
if (existsSync(join(out, 'webchat.js')) && existsSync(stamp) && readFileSync(stamp, 'utf8') === entry.integrity) {
  process.exit(0); // already there, from the same tarball
}

mkdirSync(out, { recursive: true });
const packDir = join(out, 'pack');
rmSync(packDir, { recursive: true, force: true });
mkdirSync(packDir, { recursive: true });
try {
  execFileSync('npm', ['pack', `botframework-webchat@${entry.version}`, '--pack-destination', packDir, '--silent'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    shell: process.platform === 'win32',
  });
} catch {
  console.error(`fetch-webchat: could not fetch botframework-webchat ${entry.version} with npm pack (is the npm registry reachable?)`);
  process.exit(1);
}

const tarball = readdirSync(packDir).find((f) => f.endsWith('.tgz'));
const bytes = readFileSync(join(packDir, tarball));
const integrity = 'sha512-' + createHash('sha512').update(bytes).digest('base64');
if (integrity !== entry.integrity) {
  console.error(`fetch-webchat: ${tarball} has integrity ${integrity}, but package-lock.json says ${entry.integrity}; refusing it`);
  process.exit(1);
}

// A tar reader for what npm packs: ustar headers of 512 bytes, then the file padded to 512.
const wanted = new Map([
  ['package/dist/webchat.js', 'webchat.js'],
  ['package/dist/webchat.js.LICENSE.txt', 'webchat.js.LICENSE.txt'],
]);
const tar = gunzipSync(bytes);
const text = (start, length) => tar.subarray(start, start + length).toString('utf8').replace(/\0.*$/s, '');
let found = 0;
for (let offset = 0; offset + 512 <= tar.length;) {
  const name = text(offset, 100);
  if (!name) break;
  const prefix = text(offset + 345, 155);
  const size = parseInt(text(offset + 124, 12).trim() || '0', 8);
  const path = prefix ? `${prefix}/${name}` : name;
  const target = wanted.get(path);
  if (target) {
    const content = tar.subarray(offset + 512, offset + 512 + size);
    writeFileSync(join(out, target), content);
    if (target === 'webchat.js') {
      writeFileSync(join(out, 'webchat.js.gz'), gzipSync(content, { level: constants.Z_BEST_COMPRESSION }));
    }
    found++;
  }
  offset += 512 + Math.ceil(size / 512) * 512;
}

rmSync(packDir, { recursive: true, force: true });
if (found !== wanted.size) {
  console.error(`fetch-webchat: the tarball lacks ${[...wanted.keys()].join(' or ')}`);
  process.exit(1);
}

writeFileSync(stamp, entry.integrity);
console.log(`fetch-webchat: botframework-webchat ${entry.version} (integrity checked) -> ${out}`);
