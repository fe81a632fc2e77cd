/** Route guards: signed in (else to sign-in), second factor enrolled when required, and the right role. */
import type { ReactNode } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import type { Role } from '../api/types';
import { homeFor } from './nav';
import { useMe, type SignInNotice } from './session';
import { ErrorAlert, Loading, NotFoundPage } from './states';

export function RequireSession({ children }: { children?: ReactNode }) {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <Loading label="Opening Tilth…" />;
  if (me.isError) return <ErrorAlert error={me.error} title="Tilth could not start" />;
  if (!me.data) {
    const state: SignInNotice = { from: location.pathname + location.search };
    return <Navigate to="/sign-in" replace state={state} />;
  }
  if (me.data.mustEnrollTotp && location.pathname !== '/account/two-factor') return <Navigate to="/account/two-factor" replace />;
  return children ?? <Outlet />;
}

export function RequireRole({ roles, children }: { roles: Role[]; children?: ReactNode }) {
  const me = useMe();
  if (!me.data || !roles.includes(me.data.user.role)) return <NotFoundPage />;
  return children ?? <Outlet />;
}

export function HomeRedirect() {
  const me = useMe();
  if (!me.data) return <Navigate to="/sign-in" replace />;
  return <Navigate to={homeFor(me.data.user.role)} replace />;
}
