// Validates a Teams app manifest offline against the schema bundled in @microsoft/app-manifest (chosen by its
// $schema URL), and names the bundled MicrosoftTeams.Localization schema of the same version (the C# test validates
// the localization files against it with NJsonSchema).
// Usage: node validate-teams-manifest.js <manifest.json>   (prints { manifest: [...errors], localizationSchema })
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { AppManifestUtils } = require('@microsoft/app-manifest');

(async () => {
  const [manifestPath] = process.argv.slice(2);
  const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
  const result = { manifest: await AppManifestUtils.validateAgainstSchema(manifest), localizationSchema: null };
  const version = manifest.manifestVersion;
  const schemaFile = path.join(path.dirname(require.resolve('@microsoft/app-manifest/package.json')), 'build', 'json-schemas', 'teams', `v${version}`, 'MicrosoftTeams.Localization.schema.json');
  result.localizationSchema = fs.existsSync(schemaFile) ? schemaFile : null;
  console.log(JSON.stringify(result));
})().catch((error) => { console.error(error); process.exit(1); });
