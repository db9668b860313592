// The peer: a FAQ bot as a team would write it on the official JS SDK. botbuilder's CloudAdapter with empty
// credentials (as HeeBot's local mode), Express, and minisearch over the same passages (fuzzy and prefix
// search on), answering with the top three passages.
'use strict';
const express = require('express');
const MiniSearch = require('minisearch');
const { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication, MessageFactory } = require('botbuilder');

const passages = require(process.env.PASSAGES);
const index = new MiniSearch({
  fields: ['title', 'text'],
  storeFields: ['title', 'text'],
  searchOptions: { fuzzy: 0.2, prefix: true, boost: { title: 2 } },
});
index.addAll(passages);

class FaqBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      const hits = index.search(context.activity.text || '').slice(0, 3);
      const text = hits.length === 0
        ? "I don't know that one."
        : hits.map((hit, i) => `${i + 1}. **${hit.title}**\n\n${hit.text}`).join('\n\n');
      await context.sendActivity(MessageFactory.text(text, text));
      await next();
    });
  }
}

const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
adapter.onTurnError = async (context, error) => {
  console.error(error);
  await context.sendActivity('Sorry, something went wrong.');
};
const bot = new FaqBot();

const app = express();
app.use(express.json({ limit: '256kb' }));
app.post('/api/messages', (req, res) => adapter.process(req, res, (context) => bot.run(context)));
const port = Number(process.env.PORT || 3979);
app.listen(port, '127.0.0.1', () => console.log(`peer listening on http://127.0.0.1:${port}`));
