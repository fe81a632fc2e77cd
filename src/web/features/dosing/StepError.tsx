/**
 * A refused step, announced and focused like FormError, with what the server listed: the checks still open (pass
 * checks), the conditions still unmet and when discharge becomes possible (discharge), the limits breached (order).
 */
import { Alert, List, Text } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { ApiError } from '../../api/client';
import { FormError } from '../../app/FormError';
import { formatTime } from '../../app/time';

interface Listed {
  intro: string;
  items: string[];
  after?: string;
}

function listed(error: unknown, timeZone: string): Listed | null {
  if (!(error instanceof ApiError)) return null;
  const d = error.details;
  if (Array.isArray(d.unmet) && d.unmet.length > 0) {
    const unmet = d.unmet as { id: string; message: string }[];
    const from = typeof d.possibleFrom === 'string' ? d.possibleFrom : null;
    const minutes = typeof d.minutesRemaining === 'number' ? d.minutesRemaining : 0;
    // The minimum monitoring time is said once, in clinic time: "possible from 4:05 PM PST, in 12 minutes".
    const early = unmet.some((u) => u.id === 'minimum-monitoring') && from !== null;
    const others = unmet.filter((u) => !early || u.id !== 'minimum-monitoring').map((u) => u.message);
    return {
      intro: others.length > 0 ? 'Still needed before discharge:' : 'Too early for discharge.',
      items: others,
      ...(early ? { after: `Discharge is possible from ${formatTime(from!, timeZone, true)}, in ${minutes} minute${minutes === 1 ? '' : 's'}.` } : {}),
    };
  }
  if (Array.isArray(d.items) && d.items.length > 0) {
    const items = d.items as { label: string; message: string }[];
    return { intro: 'Still open:', items: items.map((i) => `${i.label}: ${i.message}`) };
  }
  if (Array.isArray(d.breaches) && d.breaches.length > 0) {
    return { intro: 'Outside the protocol’s limits:', items: d.breaches as string[] };
  }
  return null;
}

export function StepError({ error, title, timeZone }: { error: unknown; title: string; timeZone: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const list = listed(error, timeZone);
  const structured = list !== null;
  useEffect(() => {
    if (error && structured) ref.current?.focus();
  }, [error, structured]);
  if (!error) return null;
  if (!list) return <FormError error={error} title={title} />;
  return (
    <Alert ref={ref} tabIndex={-1} color="red" role="alert" title={title}>
      <Text fz="sm" fw={600}>
        {list.intro}
      </Text>
      {list.items.length > 0 && (
        <List fz="sm" size="sm" spacing={4} mt={4}>
          {list.items.map((item) => (
            <List.Item key={item}>{item}</List.Item>
          ))}
        </List>
      )}
      {list.after && (
        <Text fz="sm" fw={700} mt="xs">
          {list.after}
        </Text>
      )}
    </Alert>
  );
}
