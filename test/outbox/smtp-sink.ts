/**
 * A real SMTP server (the `smtp-server` package) on a free local port, collecting every accepted message. Tests can
 * make it refuse recipients (a temporary 451) to exercise retries. Messages are parsed just enough to check the
 * envelope, the To/From/Subject headers and the decoded text body.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerError } from 'smtp-server';

export interface ReceivedMail {
  envelopeFrom: string;
  rcptTo: string[];
  headers: Map<string, string>;
  subject: string;
  to: string;
  from: string;
  text: string;
  raw: string;
}

export interface SmtpSink {
  url: string;
  received: ReceivedMail[];
  /** RCPT TO commands refused so far. */
  rejections: number;
  /** Refuse the next N recipients with a temporary error. */
  failNext: number;
  /** Refuse every recipient this returns true for (a "poison" message). */
  refuse: (address: string) => boolean;
  /** Milliseconds to wait before accepting a message's data (makes concurrent senders interleave). */
  dataDelayMs: () => number;
  countFor(recipient: string): number;
  close(): Promise<void>;
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const sink: SmtpSink = {
    url: '',
    received: [],
    rejections: 0,
    failNext: 0,
    refuse: () => false,
    dataDelayMs: () => 0,
    countFor: (recipient) => sink.received.filter((m) => m.rcptTo.includes(recipient)).length,
    close: async () => undefined,
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    disableReverseLookup: true,
    closeTimeout: 1000,
    onRcptTo(address, _session, callback) {
      if (sink.failNext > 0 || sink.refuse(address.address)) {
        if (sink.failNext > 0) sink.failNext--;
        sink.rejections++;
        const err: SMTPServerError = Object.assign(new Error('Mailbox temporarily unavailable, try again later'), { responseCode: 451 });
        callback(err);
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const mail = parseMessage(raw);
        const envelopeFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
        const rcptTo = session.envelope.rcptTo.map((r) => r.address);
        setTimeout(() => {
          sink.received.push({ ...mail, envelopeFrom, rcptTo, raw });
          callback(null, 'queued');
        }, sink.dataDelayMs());
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  sink.url = `smtp://127.0.0.1:${port}`;
  sink.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return sink;
}

function parseMessage(raw: string): Omit<ReceivedMail, 'envelopeFrom' | 'rcptTo' | 'raw'> {
  const split = raw.indexOf('\r\n\r\n');
  const head = split < 0 ? raw : raw.slice(0, split);
  const body = split < 0 ? '' : raw.slice(split + 4);
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  const encoding = (headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  const text =
    encoding === 'quoted-printable'
      ? decodeQuotedPrintable(body)
      : encoding === 'base64'
        ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
        : body;
  return {
    headers,
    subject: decodeEncodedWords(headers.get('subject') ?? ''),
    to: headers.get('to') ?? '',
    from: headers.get('from') ?? '',
    text: text.replace(/\r\n/g, '\n'),
  };
}

function decodeQuotedPrintable(body: string): string {
  const unfolded = body.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < unfolded.length; i++) {
    const hex = unfolded.slice(i + 1, i + 3);
    if (unfolded[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(unfolded[i]!, 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** RFC 2047 encoded words (=?UTF-8?Q?...?= / =?UTF-8?B?...?=), in case a subject is not plain ASCII. */
function decodeEncodedWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_all, _charset: string, kind: string, data: string) =>
      kind.toUpperCase() === 'B' ? Buffer.from(data, 'base64').toString('utf8') : decodeQuotedPrintable(data.replace(/_/g, ' ')),
    );
}
