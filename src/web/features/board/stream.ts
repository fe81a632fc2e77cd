/**
 * The live board: `GET /api/board` for the first picture (and its error, in words), then server-sent events from
 * `GET /api/board/events` (event `board`, data = the whole snapshot) kept in the same query cache. The browser's
 * EventSource reconnects by itself; while it does the status is "reconnecting", and once it is back the board is read
 * again with `GET /api/board` so nothing missed in between is lost. A stream the server refused (signed out, no
 * access, a proxy error) is closed by the browser: the status says so, and a new one is opened 5 s later (or at once
 * with `reconnect()`).
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../../api/client';
import type { BoardSnapshot } from '../dosing/types';

export const BOARD_KEY = ['board'] as const;

export type FeedStatus = 'connecting' | 'live' | 'reconnecting' | 'stopped';

export interface BoardFeed {
  query: ReturnType<typeof useBoardQuery>;
  status: FeedStatus;
  /** Server time minus browser time (ms), from the latest snapshot: keeps timers on the server's clock. */
  offsetMs: number;
  reconnect: () => void;
}

function useBoardQuery(enabled: boolean) {
  return useQuery({
    queryKey: BOARD_KEY,
    queryFn: () => api.get<BoardSnapshot>('/api/board'),
    enabled,
    // The stream keeps it fresh; every read is audited, so no background refetching on focus.
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
}

export function useBoardFeed(enabled = true): BoardFeed {
  const queryClient = useQueryClient();
  const query = useBoardQuery(enabled);
  const [status, setStatus] = useState<FeedStatus>('connecting');
  const [generation, setGeneration] = useState(0);
  const offset = useRef(0);
  const [offsetMs, setOffsetMs] = useState(0);

  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') return;
    setStatus('connecting');
    const source = new EventSource('/api/board/events');
    let dropped = false;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const onOpen = () => {
      setStatus('live');
      if (dropped) {
        dropped = false;
        void queryClient.refetchQueries({ queryKey: BOARD_KEY });
      }
    };
    const onBoard = (event: MessageEvent<string>) => {
      try {
        const snapshot = JSON.parse(event.data) as BoardSnapshot;
        offset.current = Date.parse(snapshot.generatedAt) - Date.now();
        setOffsetMs(offset.current);
        queryClient.setQueryData(BOARD_KEY, snapshot);
        setStatus('live');
      } catch {
        // A malformed event: the next one (or the refetch after a reconnect) brings the board again.
      }
    };
    const onError = () => {
      if (source.readyState === EventSource.CONNECTING) {
        dropped = true;
        setStatus('reconnecting');
      } else if (source.readyState === EventSource.CLOSED) {
        // Refused (or a proxy error): read the board again (a signed-out session shows up there) and try anew later.
        setStatus('stopped');
        retry = setTimeout(() => {
          void queryClient.refetchQueries({ queryKey: BOARD_KEY });
          setGeneration((g) => g + 1);
        }, 5000);
      }
    };
    source.addEventListener('open', onOpen);
    source.addEventListener('board', onBoard as EventListener);
    source.addEventListener('error', onError);
    return () => {
      if (retry) clearTimeout(retry);
      source.removeEventListener('open', onOpen);
      source.removeEventListener('board', onBoard as EventListener);
      source.removeEventListener('error', onError);
      source.close();
    };
  }, [enabled, generation, queryClient]);

  const reconnect = useCallback(() => {
    void queryClient.refetchQueries({ queryKey: BOARD_KEY });
    setGeneration((g) => g + 1);
  }, [queryClient]);

  return { query, status, offsetMs, reconnect };
}

export const FEED_LABEL: Record<FeedStatus, string> = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  stopped: 'Not live: updates stopped',
};
