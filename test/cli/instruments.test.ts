/** `tilth instruments import FILE --clinic SLUG`: a licensed definition goes in; a bad file is refused naming each problem. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { instrumentDefinitions } from '../../src/db/schema';
import { cli, createTarget, tempDir, type Target } from './support';

let target: Target;
let dir: string;

const definition = {
  id: 'cssrs-screen', version: '1', title: 'Licensed suicide risk screener', shortTitle: 'Risk screener', instructions: 'Past month:',
  source: 'Licensed by the clinic', licence: 'Clinic licence no. 1234',
  answerSets: { yn: [{ value: 0, label: 'No' }, { value: 1, label: 'Yes' }] },
  items: [{ id: 'q1', text: 'Item one (licensed wording)', answerSet: 'yn' }, { id: 'q2', text: 'Item two (licensed wording)', answerSet: 'yn' }],
  scoring: { ruleVersion: '1', flags: [{ id: 'suicidal-ideation', item: 'q2', minValue: 1, message: 'Assess today.' }] },
};

beforeAll(async () => {
  target = await createTarget();
  dir = tempDir('instruments');
  await target.release(); // the CLI opens the embedded database itself: one process (handle) at a time
  expect((await cli(['seed-demo'], target.env)).code).toBe(0);
});
afterAll(() => target.close());

describe('instruments import', () => {
  it('imports a valid definition into the clinic', async () => {
    const file = join(dir, 'ok.json');
    writeFileSync(file, JSON.stringify(definition));
    const run = await cli(['instruments', 'import', file, '--clinic', 'demo'], target.env);
    expect(run, run.stderr).toMatchObject({ code: 0 });
    expect(run.stdout).toMatch(/Imported "Licensed suicide risk screener" \(cssrs-screen, version 1, 2 items\)/);
    const rows = await (await target.db()).db.select().from(instrumentDefinitions);
    expect(rows.map((r) => r.instrumentId)).toEqual(['cssrs-screen']);
    await target.release();
  });

  it('refuses a bad file naming each problem, and imports nothing', async () => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ ...definition, id: 'other', items: [{ id: 'q1', text: 'x', answerSet: 'nope' }], scoring: { ruleVersion: '1', flags: [{ id: 'f', item: 'zz', minValue: 1, message: 'm' }] } }));
    const run = await cli(['instruments', 'import', file, '--clinic', 'demo'], target.env);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/items\.0\.answerSet: no answer set "nope"/);
    expect(run.stderr).toMatch(/scoring\.flags\.0\.item: no item "zz"/);
    writeFileSync(join(dir, 'broken.json'), '{ not json');
    expect((await cli(['instruments', 'import', join(dir, 'broken.json'), '--clinic', 'demo'], target.env)).stderr).toMatch(/Cannot read .* as JSON/);
    expect((await cli(['instruments', 'import', file], target.env)).code).toBe(2);
    const rows = await (await target.db()).db.select().from(instrumentDefinitions);
    expect(rows.map((r) => r.instrumentId)).toEqual(['cssrs-screen']);
    await target.release();
  });
});
