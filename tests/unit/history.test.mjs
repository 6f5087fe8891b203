// The decisions log's pure part (extension/history.js) in Node: retention, what an action
// records, profile links, and the CSV export (read back with an RFC 4180 parser of its own).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  applyActions,
  CSV_COLUMNS,
  csvCell,
  DAY_MS,
  DEFAULT_RETENTION_DAYS,
  HISTORY_LIMIT,
  historyEntry,
  keepRecent,
  profileLink,
  retentionDays,
  toCsv,
} from '../../extension/history.js';

const NOW = Date.UTC(2026, 11, 2, 12, 0, 0);
const daysAgo = (d) => NOW - d * DAY_MS;

/** RFC 4180: records end in CRLF; a quoted field may hold commas, CRLF and doubled quotes. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 2;
        continue;
      }
      if (c === '"') {
        quoted = false;
        i += 1;
        continue;
      }
      cell += c;
      i += 1;
      continue;
    }
    if (c === '"' && cell === '') {
      quoted = true;
      i += 1;
    } else if (c === ',') {
      row.push(cell);
      cell = '';
      i += 1;
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i += 2;
    } else {
      assert.ok(c !== '"' && c !== '\r' && c !== '\n', `bare ${JSON.stringify(c)} at ${i} outside quotes`);
      cell += c;
      i += 1;
    }
  }
  assert.equal(cell, '', 'the last record ends in CRLF');
  assert.equal(row.length, 0);
  return rows;
}

describe('retention', () => {
  test('entries older than the retention go; recent, future and exactly-as-old ones stay, in order', () => {
    const history = [
      { id: 'old', action: 'accept', at: daysAgo(400) },
      { id: 'just-over', action: 'decline', at: daysAgo(365) - 1 },
      { id: 'exactly', action: 'later', at: daysAgo(365) },
      { id: 'recent', action: 'accept', at: daysAgo(10) },
      { id: 'future', action: 'note', at: NOW + DAY_MS },
    ];
    assert.deepEqual(
      keepRecent(history, NOW, 365).map((e) => e.id),
      ['exactly', 'recent', 'future'],
    );
    assert.deepEqual(keepRecent(history, NOW, 1).map((e) => e.id), ['future']);
    assert.deepEqual(keepRecent(history, NOW, 3650).map((e) => e.id), history.map((e) => e.id));
    // The same input and moment always give the same answer, and the input is left alone.
    assert.deepEqual(keepRecent(history, NOW, 365), keepRecent(history, NOW, 365));
    assert.equal(history.length, 5);
  });

  test('an entry without a usable date goes (it cannot be shown to be recent), unless nothing is pruned', () => {
    const history = [null, 'x', { id: 'no-date', action: 'accept' }, { id: 'nan', action: 'accept', at: Number.NaN }, { id: 'ok', action: 'accept', at: daysAgo(1) }];
    assert.deepEqual(keepRecent(history, NOW, 365).map((e) => e.id), ['ok']);
    assert.deepEqual(keepRecent(history, NOW, null).map((e) => e.id), ['no-date', 'nan', 'ok']);
    assert.deepEqual(keepRecent(undefined, NOW, 365), []);
  });

  test('the log keeps at most its newest HISTORY_LIMIT entries', () => {
    const history = Array.from({ length: HISTORY_LIMIT + 7 }, (_, i) => ({ id: `p${i}`, action: 'later', at: daysAgo(1) + i }));
    const kept = keepRecent(history, NOW, 365);
    assert.equal(kept.length, HISTORY_LIMIT);
    assert.equal(kept[0].id, 'p7');
    assert.equal(kept.at(-1).id, `p${HISTORY_LIMIT + 6}`);
  });

  test('the retention setting: the default when unset, null (prune nothing) when unusable', () => {
    assert.equal(DEFAULT_RETENTION_DAYS, 365);
    assert.equal(retentionDays(null), 365);
    assert.equal(retentionDays({ version: 2 }), 365);
    assert.equal(retentionDays({ history: {} }), 365);
    assert.equal(retentionDays({ history: { retention_days: 30 } }), 30);
    assert.equal(retentionDays({ history: { retention_days: 1 } }), 1);
    assert.equal(retentionDays({ history: { retention_days: 3650 } }), 3650);
    for (const bad of [0, 3651, 1.5, '30', -1, null]) {
      assert.equal(retentionDays({ history: { retention_days: bad } }), bad === null ? 365 : null, String(bad));
    }
  });
});

describe('recording', () => {
  const queue = { cards: { ana: { name: 'Ana Souza', bucket: 'accept', score: 82, reasons: ['+20 worked together', '+12 mutual'], days: 3, seen: 0 } } };
  const empty = { notes: {}, decisions: {} };

  test('an entry names who from the card given, or else from the queue', () => {
    assert.deepEqual(historyEntry({ id: 'ana', action: 'accept' }, queue.cards.ana, 5), {
      id: 'ana',
      at: 5,
      action: 'accept',
      outcome: 'done',
      via: 'extension',
      name: 'Ana Souza',
      profile: null,
      bucket: 'accept',
      score: 82,
      reasons: ['+20 worked together', '+12 mutual'],
    });
    const card = { name: 'Ana S.', profile: 'https://www.linkedin.com/in/ana-souza/', bucket: 'review', score: 50, reasons: ['x', 7, 'y'] };
    const e = historyEntry({ id: 'ana', action: 'accept', outcome: 'accepted', via: 'linkedin', card }, queue.cards.ana, 6);
    assert.deepEqual([e.name, e.profile, e.bucket, e.score, e.reasons, e.outcome, e.via], ['Ana S.', card.profile, 'review', 50, ['x', 'y'], 'accepted', 'linkedin']);
    const unknown = historyEntry({ id: 'bo', action: 'decline' }, undefined, 7);
    assert.deepEqual([unknown.name, unknown.bucket, unknown.score, unknown.reasons], [null, null, null, []]);
    const long = historyEntry({ id: 'x', action: 'accept', card: { name: 'n'.repeat(5000), reasons: Array(20).fill('r') } }, undefined, 8);
    assert.equal(long.name.length, 300);
    assert.equal(long.reasons.length, 5);
  });

  test('only an action LinkedIn took is a decision; every one is logged; notes as before', () => {
    const entries = [
      { id: 'ana', action: 'accept' },
      { id: 'bo', action: 'accept', outcome: 'not-taken' },
      { id: 'cy', action: 'accept', outcome: 'accepted', via: 'linkedin' },
      { id: 'di', action: 'accept', outcome: 'budget' },
      { id: 'ana', action: 'note', note: 'met at RustConf' },
      { id: 'bo', action: 'note', note: 'ask Ana' },
      { id: 'bo', action: 'note', note: '' },
    ];
    const before = { notes: { di: 'keep' }, decisions: { di: 'later' } };
    const { memory, history } = applyActions(before, [], entries, { now: NOW, days: 365, queue });
    assert.deepEqual(memory.decisions, { ana: 'accept', cy: 'accept', di: 'later' });
    assert.deepEqual(memory.notes, { ana: 'met at RustConf', di: 'keep' });
    assert.deepEqual(
      history.map((e) => [e.id, e.action, e.outcome, e.via]),
      [
        ['ana', 'accept', 'done', 'extension'],
        ['bo', 'accept', 'not-taken', 'extension'],
        ['cy', 'accept', 'accepted', 'linkedin'],
        ['di', 'accept', 'budget', 'extension'],
        ['ana', 'note', 'done', 'extension'],
        ['bo', 'note', 'done', 'extension'],
        ['bo', 'note', 'done', 'extension'],
      ],
    );
    assert.ok(history.every((e) => e.at === NOW));
    assert.equal(history[0].name, 'Ana Souza');
    assert.deepEqual(before, { notes: { di: 'keep' }, decisions: { di: 'later' } }, 'the input is not changed');
  });

  test('a withdraw is logged but is no decision: it answers the user’s own invitation', () => {
    const entries = [
      { id: 'ana', action: 'withdraw', outcome: 'done' },
      { id: 'bo', action: 'withdraw', outcome: 'done', via: 'linkedin' },
      { id: 'cy', action: 'withdraw', outcome: 'cancelled' },
    ];
    const { memory, history } = applyActions({ notes: {}, decisions: {} }, [], entries, { now: NOW, days: 365, queue });
    assert.deepEqual(memory.decisions, {});
    assert.deepEqual(
      history.map((e) => [e.id, e.action, e.outcome, e.via]),
      [
        ['ana', 'withdraw', 'done', 'extension'],
        ['bo', 'withdraw', 'done', 'linkedin'],
        ['cy', 'withdraw', 'cancelled', 'extension'],
      ],
    );
  });

  test('recording prunes what retention no longer keeps', () => {
    const old = [
      { id: 'old', action: 'accept', at: daysAgo(400) },
      { id: 'recent', action: 'accept', at: daysAgo(10) },
    ];
    const { history } = applyActions(empty, old, [{ id: 'ana', action: 'later' }], { now: NOW, days: 365, queue });
    assert.deepEqual(history.map((e) => e.id), ['recent', 'ana']);
    const kept = applyActions(empty, old, [{ id: 'ana', action: 'later' }], { now: NOW, days: null, queue });
    assert.deepEqual(kept.history.map((e) => e.id), ['old', 'recent', 'ana'], 'unusable settings delete nothing');
  });
});

describe('profile links', () => {
  test('only https://www.linkedin.com/in/… becomes a link', () => {
    for (const ok of ['https://www.linkedin.com/in/ana-souza/', 'https://www.linkedin.com/in/ana-souza', 'https://www.linkedin.com:443/in/ana?x=1']) {
      assert.ok(profileLink(ok)?.startsWith('https://www.linkedin.com/in/ana'), ok);
    }
    for (const bad of [
      'javascript:alert(1)',
      'http://www.linkedin.com/in/ana/',
      'https://linkedin.com/in/ana/',
      'https://www.linkedin.com.evil.example/in/ana/',
      'https://evil.example/https://www.linkedin.com/in/ana/',
      'https://user:pw@www.linkedin.com/in/ana/',
      'https://www.linkedin.com/company/acme/',
      'https://www.linkedin.com/in/',
      'https://www.linkedin.com/inbox/',
      '/in/ana/',
      'data:text/html,<script>alert(1)</script>',
      '',
      null,
      42,
    ]) {
      assert.equal(profileLink(bad), null, String(bad));
    }
  });
});

describe('CSV', () => {
  test('cells are quoted as RFC 4180 says, and formulas are defused', () => {
    assert.equal(csvCell('Ana Souza'), 'Ana Souza');
    assert.equal(csvCell('Souza, Ana'), '"Souza, Ana"');
    assert.equal(csvCell('say "hi"'), '"say ""hi"""');
    assert.equal(csvCell('two\nlines'), '"two\nlines"');
    assert.equal(csvCell('two\r\nlines'), '"two\r\nlines"');
    assert.equal(csvCell(null), '');
    assert.equal(csvCell(undefined), '');
    assert.equal(csvCell(82), '82');
    for (const lead of ['=', '+', '-', '@', '\t']) assert.equal(csvCell(`${lead}SUM(A1:A9)`), `'${lead}SUM(A1:A9)`, JSON.stringify(lead));
    assert.equal(csvCell('\rcmd'), `"'\rcmd"`);
    assert.equal(csvCell('=HYPERLINK("https://evil.example","x")'), `"'=HYPERLINK(""https://evil.example"",""x"")"`);
    assert.equal(csvCell('a=b'), 'a=b', 'only a leading sign is a formula');
  });

  test('the export reads back, cell for cell', () => {
    const entries = [
      { id: 'ana', at: Date.UTC(2026, 0, 5, 9, 30), action: 'accept', outcome: 'done', via: 'extension', name: 'Ana "Dr." Souza, PhD', profile: 'https://www.linkedin.com/in/ana/', bucket: 'accept', score: 82, reasons: ['+20 worked together', '+12 mutual'] },
      { id: 'mark', at: Date.UTC(2026, 0, 6), action: 'decline', outcome: 'not-taken', via: 'linkedin', name: '=cmd|"/c calc"!A1', profile: null, bucket: 'ignore', score: 4, reasons: ['-35 sales\r\npitch'] },
      { id: 'legacy', at: Date.UTC(2025, 11, 31), action: 'later' },
    ];
    const text = toCsv(entries);
    assert.ok(text.endsWith('\r\n'));
    const rows = parseCsv(text);
    assert.deepEqual(rows[0], CSV_COLUMNS);
    assert.deepEqual(rows.slice(1), [
      // A cell that starts with a sign is defused whatever it holds: "+20 …" too.
      ['2026-01-05T09:30:00.000Z', 'ana', 'Ana "Dr." Souza, PhD', 'https://www.linkedin.com/in/ana/', 'accept', '82', "'+20 worked together; +12 mutual", 'accept', 'done', 'extension'],
      ['2026-01-06T00:00:00.000Z', 'mark', `'=cmd|"/c calc"!A1`, '', 'ignore', '4', `'-35 sales\r\npitch`, 'decline', 'not-taken', 'linkedin'],
      ['2025-12-31T00:00:00.000Z', 'legacy', '', '', '', '', '', 'later', 'done', 'extension'],
    ]);
  });
});
