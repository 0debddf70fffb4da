// A page-by-page PDF viewer on pdf.js (served from /lib/pdfjs, copied from the npm package at build).
const pdfjs = await import('/lib/pdfjs/pdf.min.mjs');
pdfjs.GlobalWorkerOptions.workerSrc = '/lib/pdfjs/pdf.worker.min.mjs';

export async function openPdf(bytes) {
  // isEvalSupported: false keeps pdf.js within a CSP without 'unsafe-eval'.
  return pdfjs.getDocument({ data: new Uint8Array(bytes), isEvalSupported: false }).promise;
}

/** Renders page `number` of `pdf` into `canvas`, fitted to `cssWidth` and sharp on high-density screens. */
export async function renderPage(pdf, number, canvas, cssWidth) {
  const page = await pdf.getPage(number);
  const base = page.getViewport({ scale: 1 });
  const scale = cssWidth / base.width;
  const ratio = window.devicePixelRatio || 1;
  const viewport = page.getViewport({ scale: scale * ratio });
  canvas.width = Math.floor(viewport.width);
  canvas.height = Math.floor(viewport.height);
  canvas.style.width = `${Math.floor(viewport.width / ratio)}px`;
  await page.render({ canvas, viewport }).promise;
  page.cleanup();
}
