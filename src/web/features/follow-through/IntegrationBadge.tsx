/** A dose's integration status as a badge, with its window in words on hover and for screen readers. */
import { Badge, Tooltip, VisuallyHidden } from '@mantine/core';
import { formatInstant } from '../../app/time';
import type { DoseIntegration, IntegrationStatus } from './queries';

export const STATUS_LABEL: Record<IntegrationStatus, string> = {
  overdue: 'Integration overdue',
  'not-booked': 'Integration not booked',
  'booked-outside-window': 'Integration outside window',
  booked: 'Integration booked',
  'not-due': 'Integration not due yet',
  held: 'Integration held',
};

export const STATUS_COLOR: Record<IntegrationStatus, string> = {
  overdue: 'red.9',
  'not-booked': 'orange',
  'booked-outside-window': 'orange',
  booked: 'blue',
  'not-due': 'gray',
  held: 'sage',
};

export function windowText(d: DoseIntegration, timeZone: string): string {
  const window = `${formatInstant(d.windowStart, timeZone)} – ${formatInstant(d.windowEnd, timeZone)}`;
  const session = d.integration
    ? `; session ${formatInstant(d.integration.start, timeZone)}${d.integration.inWindow ? '' : ' (outside the window)'}`
    : '; no session booked';
  return `Window ${d.given ? '' : '(planned) '}${window}${session}`;
}

/** `detail`: false where the window is written out beside the badge already. */
export function IntegrationBadge({ dose, timeZone, detail: withDetail = true }: { dose: DoseIntegration; timeZone: string; detail?: boolean }) {
  const detail = windowText(dose, timeZone);
  return (
    <Tooltip label={detail} multiline maw={320} withArrow>
      <Badge color={STATUS_COLOR[dose.status]} size="sm" variant={dose.status === 'overdue' ? 'filled' : 'light'}>
        {STATUS_LABEL[dose.status]}
        {withDetail && <VisuallyHidden>. {detail}</VisuallyHidden>}
      </Badge>
    </Tooltip>
  );
}
