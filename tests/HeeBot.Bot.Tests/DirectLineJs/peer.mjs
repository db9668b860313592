// The official Direct Line client (botframework-directlinejs, the one inside Web Chat) against HeeBot, in Node.
// Usage: node peer.mjs http://127.0.0.1:PORT. Prints one JSON line per check ({"check", "ok", "detail"}) and exits
// 1 if any failed. Run by DirectLineJsTests.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
globalThis.XMLHttpRequest = require('xhr2'); // DirectLineJS's REST calls go through XMLHttpRequest, as in a browser
const WebSocket = require('ws');
const { DirectLine, ConnectionStatus } = require('botframework-directlinejs');

const base = process.argv[2];
let failed = false;

function check(name, ok, detail = '') {
  failed ||= !ok;
  console.log(JSON.stringify({ check: name, ok: Boolean(ok), detail: String(detail) }));
}

function until(predicate, ms, what) {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const timer = setInterval(() => {
      const value = predicate();
      if (value) {
        clearInterval(timer);
        resolve(value);
      } else if (Date.now() - started > ms) {
        clearInterval(timer);
        reject(new Error(`timed out waiting for ${what}`));
      }
    }, 25);
  });
}

async function pageToken() {
  const response = await fetch(`${base}/api/directline/token`, { method: 'POST' });
  return response.json();
}

/** Every socket DirectLineJS opens, so the test can drop one as a flaky network would. */
const sockets = [];
class TrackedWebSocket extends WebSocket {
  constructor(url) {
    super(url);
    sockets.push(this);
  }
}
globalThis.WebSocket = TrackedWebSocket; // DirectLineJS streams only where a global WebSocket exists, as in browsers

async function ask(directLine, seen, userId, text) {
  const id = await new Promise((resolve, reject) =>
    directLine.postActivity({ type: 'message', from: { id: userId }, text }).subscribe(resolve, reject));
  return until(() => seen.find(a => a.replyToId === id && a.from.role === 'bot'), 20000, `the answer to "${text}"`);
}

async function conversation() {
  const { token, domain, userId } = await pageToken();
  const directLine = new DirectLine({ token, domain, webSocket: true, WebSocket: TrackedWebSocket, random: () => 0, timeout: 5000 });
  const seen = [];
  const statuses = [];
  directLine.connectionStatus$.subscribe(s => statuses.push(s));
  directLine.activity$.subscribe(a => seen.push(a), () => {}); // end() errors the stream with "conversation ended"

  const first = await ask(directLine, seen, userId, 'What is the Shape of Caring Review?');
  check('answers over the stream', first.attachments?.[0]?.content?.body?.[0]?.text === 'Shape of Caring Review', first.attachments?.[0]?.content?.body?.[0]?.text);
  check('online', statuses.includes(ConnectionStatus.Online), statuses.join(','));

  // The network drops the socket: DirectLineJS reconnects with its watermark; nothing is lost, nothing seen twice.
  const before = sockets.length;
  sockets[sockets.length - 1].terminate();
  await until(() => sockets.length > before && sockets[sockets.length - 1].readyState === WebSocket.OPEN, 30000, 'the stream to reopen');
  const second = await ask(directLine, seen, userId, 'What is the Genomic Education Programme?');
  check('answers after the socket dropped and reconnected', second.attachments?.[0]?.content?.body?.[0]?.text === 'Genomic Education Programme', second.attachments?.[0]?.content?.body?.[0]?.text);
  const ids = seen.map(a => a.id);
  check('nothing seen twice', new Set(ids).size === ids.length, ids.join(' '));
  check('nothing lost', seen.filter(a => a.from.role === 'bot' && a.replyToId).length === 2, seen.length);

  // Token refresh, as DirectLineJS's 15-minute loop does it: the token it gets back is the one it uses from then on.
  const refreshed = await new Promise((resolve, reject) => directLine.refreshToken().subscribe(resolve, reject));
  check('token refreshed', typeof refreshed === 'string' && refreshed.split('.').length === 3, refreshed);
  directLine.token = refreshed;
  const third = await ask(directLine, seen, userId, 'What does HEE do?');
  check('answers with the refreshed token', Boolean(third));
  directLine.end();
}

async function forgedToken() {
  const { token, domain } = await pageToken();
  const directLine = new DirectLine({ token: token.slice(0, -4) + 'AAAA', domain, webSocket: true, WebSocket: TrackedWebSocket, random: () => 0, timeout: 2000 });
  const statuses = [];
  directLine.connectionStatus$.subscribe(s => statuses.push(s));
  directLine.activity$.subscribe(() => {}, () => {});
  await until(() => statuses.includes(ConnectionStatus.FailedToConnect) || statuses.includes(ConnectionStatus.ExpiredToken), 30000, 'a refused forged token');
  check('a forged token is refused (403), not retried as a network error', true, statuses.join(','));
  directLine.end();
}

async function unknownConversation() {
  const { token, domain, conversationId } = await pageToken(); // a token for a conversation never started
  const directLine = new DirectLine({ token, domain, conversationId, webSocket: true, WebSocket: TrackedWebSocket, random: () => 0, timeout: 2000 });
  const statuses = [];
  directLine.connectionStatus$.subscribe(s => statuses.push(s));
  directLine.activity$.subscribe(() => {}, () => {});
  // DirectLineJS turns a 404 on opening into FailedToConnect, and a 404 on reconnecting into Ended: never retried.
  await until(() => statuses.includes(ConnectionStatus.FailedToConnect) || statuses.includes(ConnectionStatus.Ended), 30000, 'the refusal');
  check('a conversation the bot does not have (404) is refused, not retried', true, statuses.join(','));
  directLine.end();
}

for (const scenario of [conversation, forgedToken, unknownConversation]) {
  try {
    await scenario();
  } catch (error) {
    check(scenario.name, false, error.stack ?? error);
  }
}

process.exit(failed ? 1 : 0);
