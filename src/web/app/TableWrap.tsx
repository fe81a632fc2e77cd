/** A horizontally scrollable box for wide tables on narrow screens; focusable so keyboard users can scroll it. */
import type { ReactNode } from 'react';

export function TableWrap({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="tilth-table-wrap" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
