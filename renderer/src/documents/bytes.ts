/** Binary helpers for attachments: base64 both ways (JSON-safe RPC payloads) and Blob downloads. */

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}

export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** True when the bytes start like a PDF (`%PDF-` within the first KiB), as the backend checks. */
export function looksLikePdf(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 1024);
  outer: for (let i = 0; i + 5 <= head.length; i++) {
    for (let j = 0; j < 5; j++) if (head[i + j] !== '%PDF-'.charCodeAt(j)) continue outer;
    return true;
  }
  return false;
}

/** Saves the bytes under `filename` through the browser's (or the desktop shell's) download. */
export function downloadBytes(bytes: Uint8Array<ArrayBuffer>, filename: string, mediaType: string): void {
  const url = URL.createObjectURL(new Blob([bytes], { type: mediaType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
