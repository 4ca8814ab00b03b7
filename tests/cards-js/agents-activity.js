// Parses the bot's reply activities with the Microsoft 365 Agents SDK's own Activity parser (@microsoft/agents-activity),
// as an Agents SDK client or the Agents Playground reads them.
// usage: node agents-activity.js <activities.json>   (a JSON array of { name, activity })
// output: { checked, errors: [{ name, message }] }
'use strict';
const fs = require('fs');
const { Activity } = require('@microsoft/agents-activity');

const items = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const errors = [];
for (const { name, activity } of items) {
  try {
    Activity.fromObject(activity);
  } catch (e) {
    errors.push({ name, message: String(e && e.message || e).slice(0, 2000) });
  }
}
process.stdout.write(JSON.stringify({ checked: items.length, errors }));
