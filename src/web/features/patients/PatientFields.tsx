/** Demographic fields shared by "Add patient" and "Edit details"; errors come from the server's field paths. */
import { Fieldset, NativeSelect, SimpleGrid, Stack, TextInput } from '@mantine/core';
import type { Address, EmergencyContact, PatientDetail, Sex } from '../../api/types';
import { SEX_LABEL } from '../../app/labels';

export interface PatientFormValues {
  givenName: string;
  familyName: string;
  preferredName: string;
  dateOfBirth: string;
  sexAssignedAtBirth: Sex | '';
  pronouns: string;
  email: string;
  phone: string;
  address: Required<{ [K in keyof Address]: string }>;
  emergencyContact: { [K in keyof EmergencyContact]: string };
}

export const emptyPatientForm = (): PatientFormValues => ({
  givenName: '', familyName: '', preferredName: '', dateOfBirth: '', sexAssignedAtBirth: '', pronouns: '', email: '', phone: '',
  address: { line1: '', line2: '', city: '', region: '', postalCode: '', country: '' },
  emergencyContact: { name: '', relationship: '', phone: '' },
});

export function formFromPatient(p: PatientDetail): PatientFormValues {
  const a = p.address;
  const e = p.emergencyContact;
  return {
    givenName: p.givenName, familyName: p.familyName, preferredName: p.preferredName ?? '', dateOfBirth: p.dateOfBirth,
    sexAssignedAtBirth: p.sexAssignedAtBirth, pronouns: p.pronouns ?? '', email: p.email ?? '', phone: p.phone ?? '',
    address: { line1: a?.line1 ?? '', line2: a?.line2 ?? '', city: a?.city ?? '', region: a?.region ?? '', postalCode: a?.postalCode ?? '', country: a?.country ?? '' },
    emergencyContact: { name: e?.name ?? '', relationship: e?.relationship ?? '', phone: e?.phone ?? '' },
  };
}

const orNull = (s: string) => (s.trim() ? s.trim() : null);
const allEmpty = (o: Record<string, string>) => Object.values(o).every((v) => !v.trim());

/** The request body: blank optional fields become null, a blank address or contact is left out (null). */
export function patientBody(v: PatientFormValues): Record<string, unknown> {
  return {
    givenName: v.givenName.trim(),
    familyName: v.familyName.trim(),
    preferredName: orNull(v.preferredName),
    dateOfBirth: v.dateOfBirth,
    ...(v.sexAssignedAtBirth ? { sexAssignedAtBirth: v.sexAssignedAtBirth } : {}),
    pronouns: orNull(v.pronouns),
    email: orNull(v.email),
    phone: orNull(v.phone),
    address: allEmpty(v.address) ? null : { ...v.address, line2: orNull(v.address.line2) },
    emergencyContact: allEmpty(v.emergencyContact) ? null : v.emergencyContact,
  };
}

interface Props {
  value: PatientFormValues;
  onChange: (next: PatientFormValues) => void;
  errors: Record<string, string>;
}

export function PatientFields({ value, onChange, errors }: Props) {
  const set = <K extends keyof PatientFormValues>(key: K, v: PatientFormValues[K]) => onChange({ ...value, [key]: v });
  const text = (key: 'givenName' | 'familyName' | 'preferredName' | 'dateOfBirth' | 'pronouns' | 'email' | 'phone') => ({
    value: value[key],
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => set(key, e.currentTarget.value),
    error: errors[key],
  });
  const addr = (key: keyof PatientFormValues['address']) => ({
    value: value.address[key],
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => set('address', { ...value.address, [key]: e.currentTarget.value }),
    error: errors[`address.${key}`],
  });
  const contact = (key: keyof PatientFormValues['emergencyContact']) => ({
    value: value.emergencyContact[key],
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => set('emergencyContact', { ...value.emergencyContact, [key]: e.currentTarget.value }),
    error: errors[`emergencyContact.${key}`],
  });

  return (
    <Stack gap="lg">
      <Fieldset legend="Name and identity">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <TextInput label="Given name" required autoComplete="off" {...text('givenName')} />
          <TextInput label="Family name" required autoComplete="off" {...text('familyName')} />
          <TextInput label="Preferred name" description="If different from the given name" {...text('preferredName')} />
          <TextInput label="Pronouns" placeholder="e.g. she/her" {...text('pronouns')} />
          <TextInput label="Date of birth" type="date" required {...text('dateOfBirth')} />
          <NativeSelect
            label="Sex assigned at birth"
            required
            value={value.sexAssignedAtBirth}
            onChange={(e) => set('sexAssignedAtBirth', e.currentTarget.value as Sex | '')}
            error={errors.sexAssignedAtBirth}
            data={[{ value: '', label: 'Choose…' }, ...(Object.keys(SEX_LABEL) as Sex[]).map((s) => ({ value: s, label: SEX_LABEL[s] }))]}
          />
        </SimpleGrid>
      </Fieldset>
      <Fieldset legend="Contact">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <TextInput label="Email" type="email" description="Needed for a portal account" {...text('email')} />
          <TextInput label="Phone" type="tel" {...text('phone')} />
        </SimpleGrid>
      </Fieldset>
      <Fieldset legend="Address (optional)">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <TextInput label="Address line 1" {...addr('line1')} />
          <TextInput label="Address line 2" {...addr('line2')} />
          <TextInput label="City" {...addr('city')} />
          <TextInput label="State or region" {...addr('region')} />
          <TextInput label="Postal code" {...addr('postalCode')} />
          <TextInput label="Country code" description="Two letters, e.g. US" maxLength={2} {...addr('country')} />
        </SimpleGrid>
      </Fieldset>
      <Fieldset legend="Emergency contact (optional)">
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
          <TextInput label="Contact name" {...contact('name')} />
          <TextInput label="Relationship" {...contact('relationship')} />
          <TextInput label="Contact phone" type="tel" {...contact('phone')} />
        </SimpleGrid>
      </Fieldset>
    </Stack>
  );
}
