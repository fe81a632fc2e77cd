/**
 * Moving a booked appointment: pick a new clinic-local time → Tilth re-checks the course and shows the dependent
 * moves it needs ("integration 3 moves to …") → confirm, all or nothing. A time that breaks a rule is explained in
 * plain words; where a staff member may override the rule, it can be booked as an exception with a written reason.
 */
import { Alert, Button, Group, List, Modal, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api/client';
import { FormError } from '../../app/FormError';
import { formatSlot, instantToLocalInput, localInputToInstant, todayIn } from '../../app/time';
import type { Lookup } from './CourseTimeline';
import { appointmentName, movableAsException, ruleText } from './labels';
import { courseApi, useScheduleMutation } from './queries';
import type { Appointment, Move, RescheduleResult, RuleViolation } from './types';

export interface RescheduleModalProps {
  appointment: Appointment;
  lookup: Lookup;
  onClose: () => void;
  onDone: (message: string) => void;
}

/** "Dose 3 moves from Thu, Nov 26, 9:00 AM PST to Fri, Nov 27, 9:00 AM PST (Willow Room)". */
export function moveSentence(m: Move, lookup: Lookup, tense: 'moves' | 'moved' = 'moves'): string {
  const room = m.to.roomId !== m.from.roomId ? ` in ${lookup.rooms.get(m.to.roomId) ?? 'another room'}` : '';
  return `${appointmentName(m)} ${tense} from ${formatSlot(m.from.start, lookup.timeZone)} to ${formatSlot(m.to.start, lookup.timeZone)}${room}`;
}

export function RescheduleModal({ appointment, lookup, onClose, onDone }: RescheduleModalProps) {
  const tz = lookup.timeZone;
  const name = appointmentName(appointment);
  const [value, setValue] = useState(() => instantToLocalInput(appointment.start, tz));
  const [inputError, setInputError] = useState<string | null>(null);
  const [preview, setPreview] = useState<RescheduleResult | null>(null);
  const [reason, setReason] = useState('');
  const [asException, setAsException] = useState(false);
  const write = useScheduleMutation(appointment.patientId, (body: { start: string; confirm?: boolean; exceptionReason?: string }) => courseApi.reschedule(appointment.id!, body));

  const start = (() => {
    try {
      return value ? localInputToInstant(value, tz) : null;
    } catch {
      return null;
    }
  })();
  const details = write.error instanceof ApiError && write.error.status === 409 ? write.error.details : null;
  const rule = typeof details?.rule === 'string' ? details.rule : null;
  const violations = (details?.violations as RuleViolation[] | undefined) ?? null;
  const blockedMoves = (details?.moves as Move[] | undefined) ?? [];
  const overridable = Boolean(violations?.length) || (rule !== null && blockedMoves.length === 0 && movableAsException(rule));
  const reasonBody = asException && reason.trim() ? { exceptionReason: reason.trim() } : {};

  const check = (event?: FormEvent) => {
    event?.preventDefault();
    setPreview(null);
    if (!start) return setInputError('Choose a valid date and time.');
    if (Date.parse(start) < Date.now()) return setInputError('Choose a time in the future.');
    write.mutate({ start, ...reasonBody }, { onSuccess: (r) => setPreview(r) });
  };
  const confirm = () => {
    if (!start) return;
    write.mutate({ start, confirm: true, ...reasonBody }, {
      onSuccess: (r) => onDone(`${r.moves.map((m, i) => (i === 0 ? moveSentence(m, lookup, 'moved') : lowerFirst(moveSentence(m, lookup, 'moved')))).join('; ')}.${reasonBody.exceptionReason ? ' Booked as an exception.' : ''}`),
    });
  };

  return (
    <Modal opened onClose={onClose} title={`Move ${name.toLowerCase()}`} size="lg">
      <Stack gap="md">
        <Text fz="sm">Now: {formatSlot(appointment.start, tz)}. Tilth checks the whole course and shows what else has to move before anything changes.</Text>
        <form onSubmit={check} noValidate aria-label={`New time for ${name.toLowerCase()}`}>
          <Group align="flex-end" gap="sm" wrap="wrap">
            <TextInput
              label="New date and time"
              description={`Clinic time (${tz.replace(/_/g, ' ')})`}
              type="datetime-local"
              required
              min={`${todayIn(tz)}T00:00`}
              value={value}
              onChange={(e) => {
                setValue(e.currentTarget.value);
                setInputError(null);
                setPreview(null);
                setAsException(false);
                write.reset();
              }}
              error={inputError}
              style={{ flex: '1 1 14rem' }}
              data-autofocus
            />
            <Button type="submit" variant="light" loading={write.isPending && !preview && !write.variables?.confirm}>
              Show what changes
            </Button>
          </Group>
        </form>

        {preview && <Preview preview={preview} lookup={lookup} exception={Boolean(reasonBody.exceptionReason)} />}

        {details && !preview && (
          <Alert color="red" role="alert" title={`${name} cannot move there`}>
            <Stack gap="xs">
              {violations?.length ? (
                <>
                  <Text fz="sm">This move breaks course rules that moving other appointments cannot mend:</Text>
                  <List fz="sm" size="sm">
                    {violations.map((v, i) => (
                      <List.Item key={i}>{`${ruleText(v.rule)} (${v.message})`}</List.Item>
                    ))}
                  </List>
                </>
              ) : blockedMoves.length > 0 ? (
                <Text fz="sm">{dependentText(write.error instanceof ApiError ? write.error.message : '', rule)} Choose another time.</Text>
              ) : (
                <Text fz="sm">
                  {rule ? ruleText(rule) : write.error instanceof ApiError ? write.error.message : ''} {!overridable && 'Choose another time.'}
                </Text>
              )}
              {overridable && !asException && (
                <Group>
                  <Button variant="default" size="sm" onClick={() => setAsException(true)}>
                    Book it as an exception…
                  </Button>
                </Group>
              )}
            </Stack>
          </Alert>
        )}
        {write.error && !details && <FormError error={write.error} title="Nothing was moved" />}

        {asException && !preview && (
          <Stack gap="xs">
            <Textarea
              label="Reason for the exception"
              description="Kept on the appointment and shown on the course."
              required
              autosize
              minRows={2}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              error={reason.trim() && reason.trim().length < 5 ? 'Write the reason (at least a few words)' : undefined}
            />
            <Group justify="flex-end">
              <Button variant="light" onClick={() => check()} disabled={reason.trim().length < 5} loading={write.isPending}>
                Show what changes
              </Button>
            </Group>
          </Stack>
        )}

        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {preview ? 'Keep the current time' : 'Close'}
          </Button>
          {preview && (
            <Button onClick={confirm} loading={write.isPending && Boolean(write.variables?.confirm)}>
              {preview.moves.length > 1 ? `Confirm ${preview.moves.length} moves` : 'Confirm the move'}
              {reasonBody.exceptionReason ? ' as an exception' : ''}
            </Button>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}

const lowerFirst = (text: string) => `${text.charAt(0).toLowerCase()}${text.slice(1)}`;

/** "integration 3 cannot be moved to fit: …" → "Integration 3 would have to move too, and cannot: the therapist is not working then." */
function dependentText(message: string, rule: string | null): string {
  const match = /^(\w+) (\d+) cannot be moved/.exec(message);
  const why = rule ? ruleText(rule) : message;
  if (!match) return why;
  return `${appointmentName({ kind: match[1]!, number: Number(match[2]) })} would have to move too, and cannot: ${why.charAt(0).toLowerCase()}${why.slice(1)}`;
}

function Preview({ preview, lookup, exception }: { preview: RescheduleResult; lookup: Lookup; exception: boolean }) {
  const dependents = preview.moves.length - 1;
  return (
    <Alert color={exception ? 'orange' : 'sage'} variant="light" role="status" title={dependents > 0 ? `${dependents} other appointment${dependents === 1 ? '' : 's'} must move too` : 'Only this appointment moves'}>
      <List fz="sm" size="sm" aria-label="Proposed moves">
        {preview.moves.map((m) => (
          <List.Item key={m.appointmentId}>{moveSentence(m, lookup)}</List.Item>
        ))}
      </List>
      {preview.violations.length > 0 && (
        <>
          <Text fz="sm" mt="xs" fw={600}>
            Booked as an exception, breaking:
          </Text>
          <List fz="sm" size="sm">
            {preview.violations.map((v, i) => (
              <List.Item key={i}>{`${ruleText(v.rule)} (${v.message})`}</List.Item>
            ))}
          </List>
        </>
      )}
      <Text fz="sm" mt="xs">
        Nothing has changed yet. Confirm to move {preview.moves.length > 1 ? 'them all together' : 'it'}; reminders follow the new times.
      </Text>
    </Alert>
  );
}
