/** The patient's home page: their own record. */
import { usePatient } from '../patients/queries';
import { useSession } from '../../app/session';
import { Loading, QueryFailure } from '../../app/states';
import { SelfView } from './SelfView';

export function MyOverviewPage() {
  const me = useSession();
  const patient = usePatient(me.user.patientId ?? '');
  if (patient.isPending) return <Loading label="Loading your record…" />;
  if (patient.isError) return <QueryFailure error={patient.error} what="record" />;
  return <SelfView patient={patient.data} title="My overview" />;
}
