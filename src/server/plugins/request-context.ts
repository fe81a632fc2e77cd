import type { Actor } from '../../core/authorization';

export interface SessionContext {
  clinicId: string;
  tokenHash: string;
  csrfToken: string;
  mustEnrollTotp: boolean;
  userId: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    session: SessionContext | null;
    sessionExpired: boolean;
  }
  interface FastifyContextConfig {
    /** Reachable without signing in. */
    public?: boolean;
    /** Set false on state-changing routes that cannot carry a session's CSRF token (signing in, password reset). */
    csrf?: boolean;
    /** Reachable while a required second factor is not yet enrolled. */
    duringTotpEnrollment?: boolean;
    /** A tighter limit for this route, on top of the general one (counted per session or IP address). */
    rateLimit?: { max: number; timeWindow: number };
  }
}
