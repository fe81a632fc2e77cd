import { describe, expect, it } from 'vitest';
import { allowedStatuses, checkStatusChange, NewItem, reviewItem, reviseItem, snapshotOf, type ItemState } from './index';

const item: ItemState = {
  insight: 'I go quiet when I am hurt.', commitment: 'Say one true sentence to my partner each evening.', timeframe: 'Every evening this month', measure: 'Most evenings ticked in my diary', status: 'active',
};

describe('a new item', () => {
  it('needs an insight and a commitment, trims them, and defaults when and how to empty', () => {
    expect(NewItem.parse({ insight: ' I go quiet. ', commitment: ' Speak up once a day. ' })).toEqual({ insight: 'I go quiet.', commitment: 'Speak up once a day.', timeframe: '', measure: '' });
    const bad = NewItem.safeParse({ insight: '', commitment: '  ', timeframe: 'x'.repeat(501) });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.path.join('.')).sort()).toEqual(['commitment', 'insight', 'timeframe']);
  });
});

describe('status changes', () => {
  it('let an active item be done or dropped, and a done or dropped one be taken up again', () => {
    expect(checkStatusChange('active', 'done').ok).toBe(true);
    expect(checkStatusChange('active', 'dropped').ok).toBe(true);
    expect(checkStatusChange('done', 'active').ok).toBe(true);
    expect(checkStatusChange('dropped', 'active').ok).toBe(true);
    expect(checkStatusChange('done', 'done').ok).toBe(true);
  });

  it('refuse done ↔ dropped directly, naming the status field', () => {
    for (const [from, to] of [['done', 'dropped'], ['dropped', 'done']] as const) {
      const r = checkStatusChange(from, to);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('INVALID_TRANSITION');
        expect(r.error.fields?.[0]?.path).toBe('status');
      }
    }
    expect(allowedStatuses('done')).toEqual(['done', 'active']);
    expect(allowedStatuses('active')).toEqual(['active', 'done', 'dropped']);
  });
});

describe('a revision', () => {
  it('changes wording and status and says which fields changed', () => {
    const r = reviseItem(item, { commitment: 'Say one true sentence each evening, even a small one.', status: 'done' });
    expect(r.ok && r.value.changed).toEqual(['commitment', 'status']);
    expect(r.ok && r.value.next).toEqual({ ...item, commitment: 'Say one true sentence each evening, even a small one.', status: 'done' });
  });

  it('with nothing new changes nothing', () => {
    const r = reviseItem(item, { insight: ` ${item.insight} `, status: 'active' });
    expect(r.ok && r.value.changed).toEqual([]);
  });

  it('cannot blank the commitment or make a forbidden status change', () => {
    const blank = reviseItem(item, { commitment: ' ' });
    expect(!blank.ok && blank.error.fields?.[0]?.path).toBe('commitment');
    const done = { ...item, status: 'done' as const };
    const r = reviseItem(done, { status: 'dropped' });
    expect(!r.ok && r.error.code).toBe('INVALID_TRANSITION');
  });
});

describe('a review', () => {
  it('keeps the wording and sets the status (unchanged is a review too)', () => {
    expect(reviewItem(item, 'active')).toEqual({ ok: true, value: item });
    expect(reviewItem(item, 'dropped')).toEqual({ ok: true, value: { ...item, status: 'dropped' } });
    expect(reviewItem({ ...item, status: 'dropped' }, 'done').ok).toBe(false);
  });

  it('snapshots hold the wording only', () => {
    expect(snapshotOf({ ...item, extra: 'x' } as ItemState)).toEqual({ insight: item.insight, commitment: item.commitment, timeframe: item.timeframe, measure: item.measure });
  });
});
