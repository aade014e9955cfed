/**
 * The in-app PDF viewer: pdf.js renders the document page by page on a canvas (no plug-in, no
 * iframe), with page navigation, zoom and download. Its worker is a same-origin file of the app.
 */
import { useEffect, useRef, useState } from 'react';
import type { PDFDocumentProxy, RenderTask } from 'pdfjs-dist';
import { call } from '../api/client';
import { errorMessage, useI18n } from '../i18n';
import { formatNumber } from '../i18n/format';
import { base64ToBytes, downloadBytes } from './bytes';
import { useDocumentMessages } from './messages';
import './documents.css';

const ZOOMS = [0.5, 0.75, 1, 1.25, 1.5, 2, 3];

async function loadPdfJs() {
  const [pdfjs, worker] = await Promise.all([import('pdfjs-dist'), import('pdfjs-dist/build/pdf.worker.min.mjs?url')]);
  pdfjs.GlobalWorkerOptions.workerSrc = worker.default;
  return pdfjs;
}

type State =
  | { state: 'loading' }
  | { state: 'ready'; pdf: PDFDocumentProxy; bytes: Uint8Array<ArrayBuffer>; filename: string; mediaType: string }
  | { state: 'error'; message: string };

export function PdfViewer({ documentId, title, onClose }: { documentId: number; title: string; onClose: () => void }) {
  const m = useDocumentMessages();
  const { t, locale } = useI18n();
  const [load, setLoad] = useState<State>({ state: 'loading' });
  const [page, setPage] = useState(1);
  const [zoom, setZoom] = useState(1);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);
  const [rendered, setRendered] = useState(0);

  useEffect(() => {
    let live = true;
    let pdf: PDFDocumentProxy | null = null;
    (async () => {
      try {
        const content = await call('documents.content', { id: documentId });
        const bytes = base64ToBytes(content.contentBase64);
        const pdfjs = await loadPdfJs();
        // pdf.js takes the buffer it is given: keep our own copy for the download.
        pdf = await pdfjs.getDocument({ data: bytes.slice(), isEvalSupported: false }).promise;
        if (live) setLoad({ state: 'ready', pdf, bytes, filename: content.filename, mediaType: content.mediaType });
        else void pdf.destroy();
      } catch (error) {
        if (live) setLoad({ state: 'error', message: error instanceof Error && !('code' in error) ? m.viewer.renderError : errorMessage(error, t) });
      }
    })();
    return () => {
      live = false;
      void pdf?.destroy();
    };
    // The messages only change with the locale; reloading the file for that is not wanted.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [documentId]);

  useEffect(() => {
    if (load.state !== 'ready') return;
    let task: RenderTask | null = null;
    let live = true;
    (async () => {
      const pdfPage = await load.pdf.getPage(page);
      const canvas = canvasRef.current;
      if (!live || !canvas) return;
      const ratio = window.devicePixelRatio || 1;
      const viewport = pdfPage.getViewport({ scale: zoom * (96 / 72) });
      canvas.width = Math.floor(viewport.width * ratio);
      canvas.height = Math.floor(viewport.height * ratio);
      canvas.style.width = `${Math.floor(viewport.width)}px`;
      canvas.style.height = `${Math.floor(viewport.height)}px`;
      task = pdfPage.render({ canvas, viewport, transform: ratio !== 1 ? [ratio, 0, 0, ratio, 0, 0] : undefined });
      try {
        await task.promise;
        if (live) setRendered(page);
      } catch {
        /* cancelled by a newer render */
      }
    })();
    return () => {
      live = false;
      task?.cancel();
    };
  }, [load, page, zoom]);

  useEffect(() => {
    closeRef.current?.focus();
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        // Captured first, so that the dossier page does not also go back to the list.
        event.preventDefault();
        event.stopPropagation();
        onClose();
      }
    };
    window.addEventListener('keydown', onKeyDown, true);
    return () => {
      window.removeEventListener('keydown', onKeyDown, true);
      previous?.focus();
    };
  }, [onClose]);

  const pageCount = load.state === 'ready' ? load.pdf.numPages : 0;
  const zoomIndex = ZOOMS.indexOf(zoom);

  return (
    <div className="pdf-viewer-backdrop" onMouseDown={(event) => event.target === event.currentTarget && onClose()}>
      <div className="pdf-viewer" role="dialog" aria-modal="true" aria-label={m.viewer.label(title)}>
        <header className="pdf-viewer-bar">
          <h2 className="pdf-viewer-title" title={title}>
            {title}
          </h2>
          <div className="pdf-viewer-controls">
            <button type="button" className="button button-secondary" onClick={() => setPage((p) => Math.max(1, p - 1))} disabled={page <= 1 || load.state !== 'ready'}>
              <span aria-hidden="true">‹</span> {m.viewer.previous}
            </button>
            <span className="pdf-viewer-page" aria-live="polite" data-testid="pdf-page-indicator">
              {pageCount > 0 ? m.viewer.page(page, pageCount) : ''}
            </span>
            <button type="button" className="button button-secondary" onClick={() => setPage((p) => Math.min(pageCount, p + 1))} disabled={page >= pageCount || load.state !== 'ready'}>
              {m.viewer.next} <span aria-hidden="true">›</span>
            </button>
            <span className="pdf-viewer-sep" aria-hidden="true" />
            <button type="button" className="button button-secondary dn-icon-button" aria-label={m.viewer.zoomOut} title={m.viewer.zoomOut} onClick={() => setZoom(ZOOMS[Math.max(0, zoomIndex - 1)]!)} disabled={zoomIndex <= 0}>
              −
            </button>
            <span className="pdf-viewer-zoom" aria-label={m.viewer.zoomLevel} data-testid="pdf-zoom">
              {formatNumber(Math.round(zoom * 100), t.locale.intl)} %
            </span>
            <button type="button" className="button button-secondary dn-icon-button" aria-label={m.viewer.zoomIn} title={m.viewer.zoomIn} onClick={() => setZoom(ZOOMS[Math.min(ZOOMS.length - 1, zoomIndex + 1)]!)} disabled={zoomIndex >= ZOOMS.length - 1}>
              +
            </button>
            <span className="pdf-viewer-sep" aria-hidden="true" />
            <button
              type="button"
              className="button button-secondary"
              disabled={load.state !== 'ready'}
              onClick={() => load.state === 'ready' && downloadBytes(load.bytes, load.filename, load.mediaType)}
            >
              {m.viewer.download}
            </button>
            <button ref={closeRef} type="button" className="button button-primary" onClick={onClose}>
              {m.viewer.close} <kbd className="key-hint dn-key-dark">{m.viewer.closeHint}</kbd>
            </button>
          </div>
        </header>
        <div className="pdf-viewer-body" lang={locale}>
          {load.state === 'loading' && <p className="pdf-viewer-message">{m.viewer.loading}</p>}
          {load.state === 'error' && (
            <p className="form-error pdf-viewer-message" role="alert">
              {load.message}
            </p>
          )}
          {load.state === 'ready' && (
            <canvas ref={canvasRef} className="pdf-viewer-canvas" data-testid="pdf-canvas" data-rendered-page={rendered} />
          )}
        </div>
      </div>
    </div>
  );
}
