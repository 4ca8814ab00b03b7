// Speaks to AdvisorBot's Direct Line endpoint with botframework-directlinejs 0.15.5 itself (the client inside
// Web Chat 4.18.1): start, send and receive over WebSocket and over polling, reconnect with a watermark and get
// exactly the missed activities. Node has no XMLHttpRequest (DLJS's transport) and Node 20 no WebSocket: xhr2 and ws
// stand in, as a browser would provide them.
// Usage: node directline-protocol.js <service base URL> <Direct Line secret>   (prints a JSON summary; exit 1 on failure)
'use strict';
global.XMLHttpRequest = require('xhr2');
global.WebSocket = require('ws');
const assert = require('node:assert/strict');
const { DirectLine, ConnectionStatus } = require('botframework-directlinejs');

const [base, secret] = process.argv.slice(2);
const domain = `${base}/v3/directline`;
const summary = {};

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms); }),
  ]);
}

/** The card's title: the first TextBlock (the language switch may stand beside it in a ColumnSet). */
function title(card) {
  const stack = [...card.body];
  while (stack.length) {
    const element = stack.shift();
    if (element.type === 'TextBlock') return element.text;
    stack.unshift(...(element.columns || []), ...(element.items || []));
  }
  return undefined;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A DLJS client that records every activity it receives. */
function connect(options) {
  const directLine = new DirectLine({ domain, ...options });
  const received = [];
  const statuses = [];
  const errors = [];
  let ended = false;
  const waiters = [];
  directLine.connectionStatus$.subscribe((s) => statuses.push(s));
  directLine.activity$.subscribe((activity) => {
    received.push(activity);
    waiters.splice(0).forEach((w) => (w.test() ? w.resolve() : waiters.push(w)));
  }, (error) => { if (!ended) errors.push(String(error)); });
  const until = (test, what) => withTimeout(new Promise((resolve) => (test() ? resolve() : waiters.push({ test, resolve }))), 20000, what);
  const post = (activity) => withTimeout(new Promise((resolve, reject) => directLine.postActivity(activity).subscribe(resolve, reject)), 20000, 'postActivity');
  const online = () => withTimeout(new Promise((resolve) => {
    const sub = directLine.connectionStatus$.subscribe((s) => { if (s === ConnectionStatus.Online) { resolve(); setTimeout(() => sub.unsubscribe()); } });
  }), 20000, 'connection online');
  const end = () => { ended = true; directLine.end(); };
  return { directLine, received, statuses, errors, until, post, online, end };
}

const message = (text, clientActivityID, locale = 'nl-NL') => ({
  type: 'message', from: { id: 'dl_protocol-user', role: 'user' }, text, locale, textFormat: 'plain', channelData: { clientActivityID },
});

/** Sends a message and waits for its echo (same id, clientActivityID kept) and a bot card replying to it. */
async function exchange(client, text, clientActivityID, locale) {
  const id = await client.post(message(text, clientActivityID, locale));
  await client.until(() => client.received.some((a) => a.replyToId === id && a.from.role === 'bot'), `reply to ${id}`);
  const echo = client.received.find((a) => a.id === id);
  assert.ok(echo, `the echo of ${id} arrived`);
  assert.equal(echo.channelData.clientActivityID, clientActivityID, 'the echo keeps clientActivityID');
  assert.equal(echo.from.role, 'user');
  const reply = client.received.find((a) => a.replyToId === id);
  assert.equal(reply.attachments[0].contentType, 'application/vnd.microsoft.card.adaptive');
  assert.ok(client.received.indexOf(echo) < client.received.indexOf(reply), 'the echo comes before the reply');
  return { id, reply };
}

async function main() {
  // 1. A back end turns the secret into a token for one user (what /api/webchat/token does for the page).
  const generated = await fetch(`${domain}/tokens/generate`, {
    method: 'POST', headers: { Authorization: `Bearer ${secret}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ user: { id: 'protocol-user' } }),
  });
  assert.equal(generated.status, 200);
  const { token, conversationId } = await generated.json();

  // 2. WebSocket: start, send, receive.
  const ws = connect({ token, webSocket: true });
  const wsExchange = await exchange(ws, 'Hoe schaars zijn ze?', 'ws-1');
  assert.ok(ws.statuses.includes(ConnectionStatus.Online));
  assert.equal(ws.directLine.conversationId, conversationId, 'the token\'s conversation was started');
  assert.notEqual(ws.directLine.token, undefined, 'DLJS took the token from the start answer');
  await sleep(300);
  const wsWatermark = ws.directLine.watermark;
  summary.websocket = { received: ws.received.map((a) => a.id), watermark: wsWatermark, replyTitle: title(wsExchange.reply.attachments[0].content) };
  assert.deepEqual(ws.errors, []);
  ws.end();

  // 3. While nobody listens, another message goes in (a second tab, or a post before the socket opened).
  const missedPost = await fetch(`${domain}/conversations/${conversationId}/activities`, {
    method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(message('What salary should we offer?', 'away-1', 'en-US')),
  });
  assert.equal(missedPost.status, 200);
  const missedId = (await missedPost.json()).id;

  // 4. Reconnect over WebSocket with the watermark: exactly the missed echo and reply, nothing before them.
  const resumed = connect({ token, conversationId, watermark: wsWatermark, webSocket: true });
  await resumed.until(() => resumed.received.length >= 2, 'missed activities over WebSocket');
  await sleep(1500);
  assert.deepEqual(resumed.received.map((a) => a.id), [missedId, `${conversationId}|0000003`], 'exactly the missed activities');
  assert.equal(resumed.received[1].replyToId, missedId);
  summary.websocketResume = { watermark: wsWatermark, received: resumed.received.map((a) => a.id) };
  resumed.end();

  // 5. Polling (webSocket: false): send and receive; then a polling reconnect from the same watermark.
  const polling = connect({ token, conversationId, watermark: '4', webSocket: false, pollingInterval: 200 });
  const pollExchange = await exchange(polling, 'Waar vind ik senior developers?', 'poll-1');
  await sleep(600);
  assert.deepEqual(polling.received.map((a) => a.id), [`${conversationId}|0000004`, `${conversationId}|0000005`]);
  summary.polling = { received: polling.received.map((a) => a.id), replyTitle: title(pollExchange.reply.attachments[0].content) };
  polling.end();

  const pollResume = connect({ token, conversationId, watermark: wsWatermark, webSocket: false, pollingInterval: 200 });
  await pollResume.until(() => pollResume.received.length >= 4, 'missed activities over polling');
  await sleep(800);
  assert.deepEqual(pollResume.received.map((a) => a.id), [2, 3, 4, 5].map((n) => `${conversationId}|000000${n}`));
  summary.pollingResume = { watermark: wsWatermark, received: pollResume.received.map((a) => a.id) };
  pollResume.end();

  // 6. A token refresh as DLJS does it every 15 minutes.
  const refreshed = await fetch(`${domain}/tokens/refresh`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } });
  assert.equal(refreshed.status, 200);
  assert.equal((await refreshed.json()).conversationId, conversationId);

  summary.ok = true;
  console.log(JSON.stringify(summary));
}

withTimeout(main(), 90000, 'the whole protocol run').then(() => process.exit(0), (error) => {
  console.error(error && error.stack ? error.stack : String(error));
  console.log(JSON.stringify(summary));
  process.exit(1);
});
