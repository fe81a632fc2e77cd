/**
 * The signed-in user (GET /api/me), kept in the query cache under ["me"]; null means signed out. Session-wide
 * failures from any request (expired session, second factor required) send the person to the right page.
 */
import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { api, ApiError, onSessionProblem, setCsrfToken } from '../api/client';
import type { Me } from '../api/types';

export const ME_KEY = ['me'] as const;

export async function fetchMe(): Promise<Me | null> {
  try {
    const me = await api.get<Me>('/api/me', { quiet: true });
    setCsrfToken(me.csrfToken);
    return me;
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw err;
  }
}

export function useMe() {
  return useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: Infinity, retry: false });
}

/** The signed-in user; only for components rendered below RequireSession. */
export function useSession(): Me {
  const { data } = useMe();
  if (!data) throw new Error('useSession used outside a signed-in page');
  return data;
}

/** Forgets everything cached about the previous user. */
export function clearSession(queryClient: QueryClient): void {
  setCsrfToken(null);
  queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
  queryClient.setQueryData(ME_KEY, null);
}

export async function signOut(queryClient: QueryClient): Promise<void> {
  try {
    await api.delete('/api/session', undefined, { quiet: true });
  } catch {
    // Already signed out on the server: nothing else to do.
  }
  clearSession(queryClient);
}

export interface SignInNotice {
  notice?: string;
  from?: string;
}

/**
 * What the sign-in page should say and where to go afterwards. Kept here as well as in the navigation state: when the
 * session is cleared, the signed-in pages redirect to sign-in themselves and that redirect may win the race.
 */
let pending: SignInNotice = {};

export function leaveSignInNotice(notice: SignInNotice): void {
  pending = notice;
}

export function peekSignInNotice(): SignInNotice {
  return pending;
}

export function clearSignInNotice(): void {
  pending = {};
}

/** The root route: reacts to session problems reported by any request. */
export function SessionRoot() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();

  useEffect(
    () =>
      onSessionProblem((error) => {
        if (error.code === 'TOTP_ENROLLMENT_REQUIRED') {
          void queryClient.invalidateQueries({ queryKey: ME_KEY });
          navigate('/account/two-factor', { replace: true });
          return;
        }
        const notice: SignInNotice = { notice: error.message, from: location.pathname + location.search };
        leaveSignInNotice(notice);
        clearSession(queryClient);
        navigate('/sign-in', { replace: true, state: notice });
      }),
    [queryClient, navigate, location.pathname, location.search],
  );

  return <Outlet />;
}
