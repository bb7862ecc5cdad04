// Reads a JSON array of strings on stdin and prints, for each, what the
// official libraries count: twitter-text 3.1.0's parseTweet and
// extractUrlsWithIndices (indices in UTF-16 units), and @atproto/api's
// RichText grapheme length and UTF-8 byte length. Run by the tests of share and share/count (through internal/sharetest)
// with NODE_PATH pointing at tools/node/node_modules.
'use strict';
const twttr = require('twitter-text');
let atproto = null;
try {
  atproto = require('@atproto/api');
} catch (e) {
  atproto = null;
}
let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (d) => { input += d; });
process.stdin.on('end', () => {
  const texts = JSON.parse(input);
  const out = texts.map((text) => {
    const r = { x: twttr.parseTweet(text), urls: twttr.extractUrlsWithIndices(text).map((u) => u.indices) };
    if (atproto) {
      const rt = new atproto.RichText({ text });
      r.graphemes = rt.graphemeLength;
      r.bytes = rt.length;
      rt.detectFacetsWithoutResolution();
      r.facets = (rt.facets || []).map((f) => ({
        start: f.index.byteStart,
        end: f.index.byteEnd,
        type: f.features[0].$type,
        value: f.features[0].uri || f.features[0].tag || f.features[0].did || '',
      }));
    }
    return r;
  });
  process.stdout.write(JSON.stringify(out));
});
