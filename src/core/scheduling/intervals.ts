/**
 * Sets of time intervals (instants as epoch milliseconds, half-open [start, end)) with fast membership tests.
 * Wall-clock work (opening hours, working hours, DST) happens in availability.ts with Temporal; here only instants.
 */
export interface Interval {
  start: number;
  end: number;
}

export class IntervalSet {
  /** Sorted, non-overlapping, non-touching. */
  readonly intervals: readonly Interval[];

  constructor(intervals: Iterable<Interval> = []) {
    const sorted = [...intervals].filter((i) => i.end > i.start).sort((a, b) => a.start - b.start);
    const merged: Interval[] = [];
    for (const i of sorted) {
      const last = merged[merged.length - 1];
      if (last && i.start <= last.end) last.end = Math.max(last.end, i.end);
      else merged.push({ start: i.start, end: i.end });
    }
    this.intervals = merged;
  }

  static empty = new IntervalSet();

  /** Index of the last interval starting at or before t, or -1. */
  private indexAtOrBefore(t: number): number {
    let lo = 0;
    let hi = this.intervals.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.intervals[mid]!.start <= t) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }

  /** The interval that contains instant t, if any. */
  containing(t: number): Interval | undefined {
    const i = this.intervals[this.indexAtOrBefore(t)];
    return i !== undefined && i.end > t ? i : undefined;
  }

  /** Whether [start, end) lies entirely inside one interval of the set. */
  covers(start: number, end: number): boolean {
    const i = this.intervals[this.indexAtOrBefore(start)];
    return i !== undefined && i.end >= end;
  }

  /** Whether [start, end) overlaps any interval of the set. */
  overlaps(start: number, end: number): boolean {
    const idx = this.indexAtOrBefore(end - 1);
    const i = this.intervals[idx];
    return i !== undefined && i.end > start;
  }

  /** The intervals that intersect [from, to), clipped to it. */
  within(from: number, to: number): Interval[] {
    const out: Interval[] = [];
    let idx = Math.max(0, this.indexAtOrBefore(from));
    for (; idx < this.intervals.length; idx++) {
      const i = this.intervals[idx]!;
      if (i.start >= to) break;
      if (i.end <= from) continue;
      out.push({ start: Math.max(i.start, from), end: Math.min(i.end, to) });
    }
    return out;
  }

  union(other: IntervalSet | Iterable<Interval>): IntervalSet {
    const more = other instanceof IntervalSet ? other.intervals : [...other];
    return new IntervalSet([...this.intervals, ...more]);
  }

  subtract(other: IntervalSet | Iterable<Interval>): IntervalSet {
    const cut = other instanceof IntervalSet ? other : new IntervalSet(other);
    const out: Interval[] = [];
    for (const i of this.intervals) {
      let cursor = i.start;
      for (const c of cut.within(i.start, i.end)) {
        if (c.start > cursor) out.push({ start: cursor, end: c.start });
        cursor = Math.max(cursor, c.end);
      }
      if (cursor < i.end) out.push({ start: cursor, end: i.end });
    }
    return new IntervalSet(out);
  }

  intersect(other: IntervalSet): IntervalSet {
    const out: Interval[] = [];
    for (const i of this.intervals) out.push(...other.within(i.start, i.end));
    return new IntervalSet(out);
  }

  /** A copy with [start, end) added: for marking a slot taken while planning. */
  with(start: number, end: number): IntervalSet {
    return new IntervalSet([...this.intervals, { start, end }]);
  }
}
