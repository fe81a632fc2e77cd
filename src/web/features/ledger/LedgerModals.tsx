/**
 * The ledger's forms, each in a dialog: receive a new lot, receive more of a lot, record witnessed waste, adjust,
 * count, and resolve a discrepancy. Each shows the server's refusal (e.g. "Lot X holds only N mg…") and its field
 * problems on the fields.
 */
import { Alert, Button, Checkbox, Fieldset, Group, Modal, NumberInput, PasswordInput, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useState, type FormEvent, type ReactNode } from 'react';
import { fieldErrors } from '../../api/client';
import { FormError } from '../../app/FormError';
import { formatInstant } from '../../app/time';
import { ledgerApi, mg, useLedgerMutation, type CountResult, type Discrepancy, type Lot } from './queries';

const num = (v: number | string): number => (typeof v === 'number' ? v : Number.NaN);

function Dialog({ title, onClose, onSubmit, error, submit, pending, children, label }: {
  title: string; onClose: () => void; onSubmit: () => void; error: unknown; submit: string; pending: boolean; children: ReactNode; label?: string;
}) {
  const handle = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
  return (
    <Modal opened onClose={onClose} title={title} size="lg">
      <form onSubmit={handle} noValidate aria-label={label ?? title}>
        <Stack gap="md">
          <FormError error={error} />
          {children}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={pending}>
              {submit}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

const lotName = (lot: Lot) => `${lot.product} ${lot.form}, lot ${lot.lotNumber}`;

export function ReceiveLotModal({ today, onClose, onDone }: { today: string; onClose: () => void; onDone: (lot: Lot) => void }) {
  const [v, setV] = useState({ product: 'Ketamine HCl', form: '', supplier: '', lotNumber: '', expiresOn: '', quantityMg: '' as number | string, note: '' });
  const save = useLedgerMutation(ledgerApi.receiveLot);
  const errors = fieldErrors(save.error);
  const text = (key: 'product' | 'form' | 'supplier' | 'lotNumber' | 'note') => ({ value: v[key], onChange: (e: { currentTarget: { value: string } }) => setV({ ...v, [key]: e.currentTarget.value }), error: errors[key] });
  return (
    <Dialog
      title="Receive stock" submit="Receive lot" pending={save.isPending} error={save.error} onClose={onClose}
      onSubmit={() => save.mutate({ ...v, quantityMg: num(v.quantityMg), note: v.note || null }, { onSuccess: (r) => onDone(r.lot) })}
    >
      <Text fz="sm" c="dimmed">As on the label and the supplier’s paperwork. The quantity is the total in mg (e.g. 30 troches of 100 mg: 3,000 mg).</Text>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <TextInput label="Product" required {...text('product')} data-autofocus />
        <TextInput label="Form and strength" description="e.g. troche 100 mg, vial 500 mg/10 mL" required {...text('form')} />
        <TextInput label="Supplier" required {...text('supplier')} />
        <TextInput label="Lot number" required {...text('lotNumber')} />
        <TextInput label="Expires on" type="date" min={today} required value={v.expiresOn} onChange={(e) => setV({ ...v, expiresOn: e.currentTarget.value })} error={errors.expiresOn} />
        <NumberInput label="Quantity (mg)" min={0.01} decimalScale={2} thousandSeparator="," required value={v.quantityMg} onChange={(q) => setV({ ...v, quantityMg: q })} error={errors.quantityMg} />
      </SimpleGrid>
      <TextInput label="Note (optional)" description="Invoice or order form number" {...text('note')} />
    </Dialog>
  );
}

export function ReceiptModal({ lot, onClose, onDone }: { lot: Lot; onClose: () => void; onDone: (message: string) => void }) {
  const [quantity, setQuantity] = useState<number | string>('');
  const [note, setNote] = useState('');
  const save = useLedgerMutation((body: { quantityMg: number; note: string | null }) => ledgerApi.receipt(lot.id, body));
  const errors = fieldErrors(save.error);
  return (
    <Dialog
      title={`Receive more of lot ${lot.lotNumber}`} submit="Record receipt" pending={save.isPending} error={save.error} onClose={onClose}
      onSubmit={() => save.mutate({ quantityMg: num(quantity), note: note || null }, { onSuccess: (r) => onDone(`Received ${mg(r.entry.quantityMg)}; the lot now holds ${mg(r.lot.balanceMg)}.`) })}
    >
      <NumberInput label="Quantity (mg)" min={0.01} decimalScale={2} thousandSeparator="," required value={quantity} onChange={setQuantity} error={errors.quantityMg} data-autofocus />
      <TextInput label="Note (optional)" value={note} onChange={(e) => setNote(e.currentTarget.value)} error={errors.note} />
    </Dialog>
  );
}

export function WasteModal({ lot, onClose, onDone }: { lot: Lot; onClose: () => void; onDone: (message: string) => void }) {
  const [v, setV] = useState({ quantityMg: '' as number | string, reason: '', email: '', password: '' });
  const save = useLedgerMutation((body: { quantityMg: number; reason: string; witness: { email: string; password: string } }) => ledgerApi.waste(lot.id, body));
  const errors = fieldErrors(save.error);
  const submit = () => {
    save.mutate(
      { quantityMg: num(v.quantityMg), reason: v.reason, witness: { email: v.email, password: v.password } },
      {
        onSuccess: (r) => onDone(`Waste of ${mg(-r.entry.quantityMg)} recorded, witnessed by ${r.entry.witness?.name ?? 'the witness'}; the lot now holds ${mg(r.lot.balanceMg)}.`),
        // The password is never kept in the form after an attempt.
        onSettled: () => setV((x) => ({ ...x, password: '' })),
      },
    );
  };
  return (
    <Dialog title={`Record waste from lot ${lot.lotNumber}`} submit="Record waste" pending={save.isPending} error={save.error} onClose={onClose} onSubmit={submit}>
      <Text fz="sm">{lotName(lot)} holds {mg(lot.balanceMg)}.</Text>
      <NumberInput label="Quantity wasted (mg)" min={0.01} max={lot.balanceMg} decimalScale={2} thousandSeparator="," required value={v.quantityMg} onChange={(q) => setV({ ...v, quantityMg: q })} error={errors.quantityMg} data-autofocus />
      <Textarea label="Reason" description="e.g. drawn up but not given, dropped troche" required autosize minRows={2} value={v.reason} onChange={(e) => setV({ ...v, reason: e.currentTarget.value })} error={errors.reason} />
      <Fieldset legend="Witness signature">
        <Stack gap="sm">
          <Text fz="sm" c="dimmed">
            A second prescriber or nurse who saw the waste signs with their own email and password. The password is checked once and never stored.
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <TextInput label="Witness email" type="email" autoComplete="off" required value={v.email} onChange={(e) => setV({ ...v, email: e.currentTarget.value })} error={errors['witness.email'] ?? errors.witness} />
            <PasswordInput label="Witness password" autoComplete="off" required value={v.password} onChange={(e) => setV({ ...v, password: e.currentTarget.value })} error={errors['witness.password']} />
          </SimpleGrid>
        </Stack>
      </Fieldset>
    </Dialog>
  );
}

export function AdjustmentModal({ lot, onClose, onDone }: { lot: Lot; onClose: () => void; onDone: (message: string) => void }) {
  const [quantity, setQuantity] = useState<number | string>('');
  const [reason, setReason] = useState('');
  const save = useLedgerMutation((body: { quantityMg: number; reason: string }) => ledgerApi.adjust(lot.id, body));
  const errors = fieldErrors(save.error);
  return (
    <Dialog
      title={`Adjust lot ${lot.lotNumber}`} submit="Record adjustment" pending={save.isPending} error={save.error} onClose={onClose}
      onSubmit={() => save.mutate({ quantityMg: num(quantity), reason }, { onSuccess: (r) => onDone(`Adjustment of ${mg(r.entry.quantityMg, true)} recorded; the lot now holds ${mg(r.lot.balanceMg)}.`) })}
    >
      <Text fz="sm">{lotName(lot)} holds {mg(lot.balanceMg)}.</Text>
      <NumberInput
        label="Change (mg)" description="Negative takes from the lot, positive adds to it" decimalScale={2} thousandSeparator="," required
        value={quantity} onChange={setQuantity} error={errors.quantityMg} data-autofocus
      />
      <Textarea label="Reason" required autosize minRows={2} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={errors.reason} />
    </Dialog>
  );
}

export function CountModal({ lot, onClose, onDone }: { lot: Lot; onClose: () => void; onDone: (result: CountResult) => void }) {
  const [counted, setCounted] = useState<number | string>('');
  const [note, setNote] = useState('');
  const save = useLedgerMutation((body: { countedMg: number; note: string | null }) => ledgerApi.count(lot.id, body));
  const errors = fieldErrors(save.error);
  return (
    <Dialog
      title={`Count lot ${lot.lotNumber}`} submit="Record count" pending={save.isPending} error={save.error} onClose={onClose}
      onSubmit={() => save.mutate({ countedMg: num(counted), note: note || null }, { onSuccess: onDone })}
    >
      <Text fz="sm">Count what is physically there, without looking at the balance first. A different figure opens a discrepancy for an administrator.</Text>
      <NumberInput label="Counted (mg)" min={0} decimalScale={2} thousandSeparator="," required value={counted} onChange={setCounted} error={errors.countedMg} data-autofocus />
      <TextInput label="Note (optional)" value={note} onChange={(e) => setNote(e.currentTarget.value)} error={errors.note} />
    </Dialog>
  );
}

export function ResolveModal({ discrepancy, timeZone, onClose, onDone }: { discrepancy: Discrepancy; timeZone: string; onClose: () => void; onDone: (message: string) => void }) {
  const [resolution, setResolution] = useState('');
  const [adjust, setAdjust] = useState(true);
  const save = useLedgerMutation((body: { resolution: string; adjust: boolean }) => ledgerApi.resolve(discrepancy.id, body));
  const errors = fieldErrors(save.error);
  return (
    <Dialog
      title={`Resolve the discrepancy on lot ${discrepancy.lotNumber}`} submit="Resolve discrepancy" pending={save.isPending} error={save.error} onClose={onClose}
      onSubmit={() => save.mutate({ resolution, adjust }, {
        onSuccess: (r) => onDone(r.adjustment ? `Discrepancy resolved; an adjustment of ${mg(r.adjustment.quantityMg, true)} was recorded and lot ${r.discrepancy.lotNumber} now holds ${mg(r.lot.balanceMg)}.` : `Discrepancy on lot ${r.discrepancy.lotNumber} resolved.`),
      })}
    >
      <Alert color="yellow" variant="light">
        Counted {mg(discrepancy.countedMg)} on {formatInstant(discrepancy.openedAt, timeZone)} where the ledger expected {mg(discrepancy.expectedMg)} ({mg(discrepancy.differenceMg, true)}).
      </Alert>
      <Textarea label="Resolution" description="What was found and done" required autosize minRows={3} value={resolution} onChange={(e) => setResolution(e.currentTarget.value)} error={errors.resolution} data-autofocus />
      <Checkbox
        label={`Record an adjustment of ${mg(discrepancy.differenceMg, true)} so the ledger matches the count`}
        checked={adjust}
        onChange={(e) => setAdjust(e.currentTarget.checked)}
      />
    </Dialog>
  );
}
