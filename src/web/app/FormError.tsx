/** A form's failure, announced and focused (scrolled into view) so the person sees why nothing happened. */
import { Alert } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { messageOf } from '../api/client';

export function FormError({ error, title }: { error: unknown; title?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (error) ref.current?.focus();
  }, [error]);
  if (!error) return null;
  return (
    <Alert ref={ref} tabIndex={-1} color="red" role="alert" title={title}>
      {messageOf(error)}
    </Alert>
  );
}
