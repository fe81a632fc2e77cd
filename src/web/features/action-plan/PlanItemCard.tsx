/**
 * One action-plan item: the insight, the commitment, when and how the patient will know, its status and its history
 * (every revision and review, oldest first). Revising is open to the patient and the care team; with a `review`
 * session given (the integration page), a clinician also records a review: the status afterwards and a note.
 */
import { Badge, Button, Card, Divider, Group, List, NativeSelect, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { fieldErrors } from '../../api/client';
import { FormError } from '../../app/FormError';
import { formatInstant } from '../../app/time';
import { ItemFields } from './ItemForm';
import { useReviewItem, useReviseItem } from './queries';
import { CHANGE_LABEL, NEXT_STATUSES, STATUS_COLOR, STATUS_LABEL, type PlanItem, type PlanStatus } from './types';

export interface PlanItemCardProps {
  item: PlanItem;
  timeZone: string;
  /** The integration session a review is recorded at (staff on the integration page); no review controls without it. */
  review?: { appointmentId: string } | undefined;
  /** Who reads the change notes, said beside the note field. */
  noteAudience: string;
}

const statusOptions = (from: PlanStatus) => NEXT_STATUSES[from].map((s) => ({ value: s, label: s === from ? `${STATUS_LABEL[s]} (unchanged)` : STATUS_LABEL[s] }));

export function PlanItemCard({ item, timeZone, review, noteAudience }: PlanItemCardProps) {
  const [revising, setRevising] = useState(false);
  const [showHistory, setShowHistory] = useState(false);
  const titleId = `plan-item-${item.id}`;
  const reviewedHere = review ? item.history.filter((h) => h.change === 'reviewed' && h.appointmentId === review.appointmentId).at(-1) : undefined;
  return (
    <Card component="article" withBorder aria-labelledby={titleId}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start">
          <Title order={3} fz="md" id={titleId} style={{ flex: 1 }}>{item.commitment}</Title>
          <Badge color={STATUS_COLOR[item.status]}>{STATUS_LABEL[item.status]}</Badge>
        </Group>
        <Text fz="sm"><strong>Insight:</strong> {item.insight}</Text>
        {item.timeframe && <Text fz="sm"><strong>When:</strong> {item.timeframe}</Text>}
        {item.measure && <Text fz="sm"><strong>How I will know:</strong> {item.measure}</Text>}
        <Text fz="xs" c="dimmed">
          Added by {item.createdBy.name ?? (item.createdBy.kind === 'patient' ? 'the patient' : 'the care team')} on {formatInstant(item.createdAt, timeZone)}
          {item.lastReviewedAt ? ` · last reviewed ${formatInstant(item.lastReviewedAt, timeZone)}` : ' · not reviewed yet'}
        </Text>
        {revising ? (
          <ReviseForm item={item} noteAudience={noteAudience} onDone={() => setRevising(false)} />
        ) : (
          <Group gap="xs">
            <Button size="compact-sm" variant="subtle" onClick={() => setRevising(true)} aria-label={`Revise “${item.commitment}”`}>Revise</Button>
            <Button size="compact-sm" variant="subtle" color="gray" onClick={() => setShowHistory((v) => !v)} aria-expanded={showHistory} aria-controls={`${titleId}-history`}>
              {showHistory ? 'Hide history' : `History (${item.history.length})`}
            </Button>
          </Group>
        )}
        {showHistory && <History item={item} timeZone={timeZone} id={`${titleId}-history`} />}
        {review && (
          <>
            <Divider />
            <ReviewForm item={item} appointmentId={review.appointmentId} noteAudience={noteAudience} reviewedAt={reviewedHere?.at ?? null} timeZone={timeZone} />
          </>
        )}
      </Stack>
    </Card>
  );
}

function History({ item, timeZone, id }: { item: PlanItem; timeZone: string; id: string }) {
  return (
    <List id={id} size="sm" spacing={6} aria-label="History of this item, oldest first">
      {item.history.map((h) => (
        <List.Item key={h.id}>
          <Text fz="sm">
            <strong>{CHANGE_LABEL[h.change]}</strong> by {h.by.name ?? h.by.kind}, {formatInstant(h.at, timeZone)} · {STATUS_LABEL[h.status]}
          </Text>
          {h.change !== 'reviewed' && <Text fz="xs" c="dimmed">“{h.snapshot.commitment}”{h.snapshot.timeframe ? ` · ${h.snapshot.timeframe}` : ''}</Text>}
          {h.note && <Text fz="xs" style={{ whiteSpace: 'pre-wrap' }}>Note: {h.note}</Text>}
        </List.Item>
      ))}
    </List>
  );
}

function ReviseForm({ item, noteAudience, onDone }: { item: PlanItem; noteAudience: string; onDone: () => void }) {
  const [wording, setWording] = useState({ insight: item.insight, commitment: item.commitment, timeframe: item.timeframe, measure: item.measure });
  const [status, setStatus] = useState<PlanStatus>(item.status);
  const [note, setNote] = useState('');
  const revise = useReviseItem(item.patientId);
  const errors = fieldErrors(revise.error);
  return (
    <Stack gap="xs">
      <ItemFields value={wording} onChange={setWording} errors={errors} idPrefix={`revise-${item.id}`} />
      <NativeSelect label="Status" value={status} onChange={(e) => setStatus(e.currentTarget.value as PlanStatus)} data={statusOptions(item.status)} error={errors.status} />
      <Textarea label="Why (optional)" description={`Kept with the change; ${noteAudience}.`} autosize minRows={1} maxLength={4000} value={note} onChange={(e) => setNote(e.currentTarget.value)} error={errors.note} />
      <FormError error={revise.error} title="The item was not revised" />
      <Group gap="xs">
        <Button size="compact-sm" loading={revise.isPending} onClick={() => revise.mutate({ itemId: item.id, ...wording, status, ...(note.trim() ? { note } : {}) }, { onSuccess: onDone })}>
          Save the revision
        </Button>
        <Button size="compact-sm" variant="default" onClick={onDone}>Cancel</Button>
      </Group>
    </Stack>
  );
}

function ReviewForm({ item, appointmentId, noteAudience, reviewedAt, timeZone }: { item: PlanItem; appointmentId: string; noteAudience: string; reviewedAt: string | null; timeZone: string }) {
  const [status, setStatus] = useState<PlanStatus>(item.status);
  const [note, setNote] = useState('');
  const reviewItem = useReviewItem(item.patientId);
  const errors = fieldErrors(reviewItem.error);
  return (
    <Stack gap="xs">
      <Text fw={600} fz="sm">Review at this session</Text>
      {reviewedAt && <Text fz="xs" c="dimmed" role="status">Reviewed at this session {formatInstant(reviewedAt, timeZone)}.</Text>}
      <Group align="flex-end" gap="sm" wrap="wrap">
        <NativeSelect label="Status after the review" value={status} onChange={(e) => setStatus(e.currentTarget.value as PlanStatus)} data={statusOptions(item.status)} error={errors.status} />
        <Textarea style={{ flex: '1 1 16rem' }} label="Review note (optional)" description={`${noteAudience[0]!.toUpperCase()}${noteAudience.slice(1)}.`} autosize minRows={1} maxLength={4000} value={note} onChange={(e) => setNote(e.currentTarget.value)} error={errors.note} />
      </Group>
      <FormError error={reviewItem.error} title="The review was not recorded" />
      <Group>
        <Button size="compact-sm" loading={reviewItem.isPending} onClick={() => reviewItem.mutate({ itemId: item.id, appointmentId, status, ...(note.trim() ? { note } : {}) }, { onSuccess: () => setNote('') })}>
          Record the review
        </Button>
      </Group>
    </Stack>
  );
}
