/** The authenticator key as a QR code to scan (drawn in the browser; the key never leaves the page). */
import { Image, Skeleton } from '@mantine/core';
import { useEffect, useState } from 'react';

export function TotpQrCode({ uri }: { uri: string }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    // Loaded on demand: only this page needs the QR encoder.
    void import('qrcode')
      .then((qr) => qr.toDataURL(uri, { errorCorrectionLevel: 'M', margin: 2, width: 220 }))
      .then((url) => live && setSrc(url))
      .catch(() => live && setSrc(null));
    return () => {
      live = false;
    };
  }, [uri]);
  if (!src) return <Skeleton width={220} height={220} aria-hidden="true" />;
  return <Image src={src} w={220} h={220} alt="QR code of your authenticator key: scan it with your authenticator app" />;
}
