/**
 * The clinic board (issue #5 §7): today's dosing sessions, one card each, kept live by the server's event stream
 * (stream.ts). Times tick client-side between pushes; a checkpoint past its due time and grace turns overdue without
 * waiting for the server. New alerts and newly overdue checkpoints are announced politely to screen readers.
 */
import { Alert, Box, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { Page } from '../../app/Page';
import { ErrorAlert, Loading } from '../../app/states';
import { formatDay, zoneName } from '../../app/time';
import { ALERT_LABEL, FINAL } from '../dosing/labels';
import type { BoardSnapshot } from '../dosing/types';
import { useNow } from '../dosing/useNow';
import { BoardCard, checkpointNow } from './BoardCard';
import { FeedIndicator } from './FeedIndicator';
import { useBoardFeed } from './stream';

export function BoardPage() {
  const feed = useBoardFeed();
  const now = useNow(1000) + feed.offsetMs;
  const board = feed.query.data;
  const announcement = useAnnouncements(board, now);

  const active = (board?.sessions ?? []).filter((s) => !FINAL.includes(s.state));
  const finished = (board?.sessions ?? []).filter((s) => FINAL.includes(s.state));
  const tz = board?.timeZone;

  return (
    <Page
      title="Clinic board"
      description={board && tz ? `Today’s dosing sessions, ${formatDay(board.date, true)}. Times are clinic time (${zoneName(tz)}).` : 'Today’s dosing sessions.'}
      actions={<FeedIndicator status={feed.status} onReconnect={feed.reconnect} />}
    >
      {/* Always in the page, so that assistive technology hears what is put into it. */}
      <Box aria-live="polite" aria-atomic="true" className="tilth-visually-hidden" data-testid="board-announcer">
        {announcement}
      </Box>
      {feed.query.isPending ? (
        <Loading label="Loading the board…" />
      ) : feed.query.isError && !board ? (
        <ErrorAlert error={feed.query.error} title="The board could not be loaded" />
      ) : board && tz ? (
        <>
          {feed.status === 'reconnecting' && (
            <Alert color="orange" variant="light" title="Reconnecting…">
              The live connection dropped. What you see may be out of date until it is back; it reconnects by itself.
            </Alert>
          )}
          {board.sessions.length === 0 ? (
            <Text>No dosing sessions today.</Text>
          ) : (
            <>
              <Stack gap="sm" component="section" aria-labelledby="board-now">
                <Title order={2} id="board-now">
                  Now and next ({active.length})
                </Title>
                {active.length === 0 ? (
                  <Text c="dimmed">Every session of the day has ended.</Text>
                ) : (
                  <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
                    {active.map((s) => (
                      <BoardCard key={s.appointmentId} session={s} now={now} timeZone={tz} />
                    ))}
                  </SimpleGrid>
                )}
              </Stack>
              {finished.length > 0 && (
                <Stack gap="sm" component="section" aria-labelledby="board-done">
                  <Title order={2} id="board-done">
                    Finished today ({finished.length})
                  </Title>
                  <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
                    {finished.map((s) => (
                      <BoardCard key={s.appointmentId} session={s} now={now} timeZone={tz} />
                    ))}
                  </SimpleGrid>
                </Stack>
              )}
            </>
          )}
        </>
      ) : null}
    </Page>
  );
}

/**
 * What to say in the polite live region: alerts not seen before, and checkpoints that have just turned overdue. The
 * first picture is only remembered (its alerts are on screen already), not read out.
 */
function useAnnouncements(board: BoardSnapshot | undefined, now: number): string {
  const seen = useRef<Set<string> | null>(null);
  const [text, setText] = useState('');
  const overdueNow = (board?.sessions ?? []).filter((s) => checkpointNow(s, now) === 'overdue').map((s) => `${s.appointmentId}|${s.nextCheckpoint?.dueAt}`);
  const overdueKey = overdueNow.join(',');

  useEffect(() => {
    if (!board) return;
    const keys = new Map<string, string>();
    for (const s of board.sessions) {
      const who = `${s.patientInitials} in ${s.room}`;
      for (const a of s.openAlerts) keys.set(`alert|${a.id}`, `${ALERT_LABEL[a.level]} for ${who}: ${a.message}`);
      if (overdueNow.some((k) => k.startsWith(`${s.appointmentId}|`))) keys.set(`overdue|${s.appointmentId}|${s.nextCheckpoint?.dueAt}`, `Vital signs overdue for ${who}: ${s.nextCheckpoint?.label}.`);
    }
    if (seen.current === null) {
      seen.current = new Set(keys.keys());
      return;
    }
    const fresh = [...keys.entries()].filter(([k]) => !seen.current!.has(k));
    for (const [k] of fresh) seen.current.add(k);
    if (fresh.length > 0) setText(fresh.map(([, message]) => message).join(' '));
    // overdueKey stands for overdueNow (a new array each render).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [board, overdueKey]);
  return text;
}
