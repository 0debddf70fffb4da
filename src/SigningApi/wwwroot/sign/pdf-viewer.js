// A page-by-page PDF viewer on pdf.js (served from /lib/pdfjs, copied from the npm package at build).
const pdfjs = await import('/lib/pdfjs/pdf.min.mjs');
pdfjs.GlobalWorkerOptions.workerSrc = '/lib/pdfjs/pdf.worker.min.mjs';

export async function openPdf(bytes) {
  // isEvalSupported: false keeps pdf.js within a CSP without 'unsafe-eval'.
  return pdfjs.getDocument({ data: new Uint8Array(bytes), isEvalSupported: false }).promise;
}

/**
 * Draws pages into one canvas, one at a time. A new request cancels the drawing in progress and waits
 * for pdf.js to release the canvas, so fast taps never make two drawings fight over it; `draw` resolves
 * true only when that page is fully on screen (false when a later request superseded it).
 */
export class PageCanvas {
  constructor(pdf, canvas) {
    this.pdf = pdf;
    this.canvas = canvas;
    this.task = null;
    this.sequence = 0;
  }

  async draw(number, cssWidth) {
    const mine = ++this.sequence;
    if (this.task) {
      this.task.cancel();
      try { await this.task.promise; } catch { /* cancelled: the canvas is free again */ }
    }
    if (mine !== this.sequence) return false;
    const page = await this.pdf.getPage(number);
    if (mine !== this.sequence) return false;
    const base = page.getViewport({ scale: 1 });
    const ratio = window.devicePixelRatio || 1;
    const viewport = page.getViewport({ scale: (cssWidth / base.width) * ratio });
    this.canvas.width = Math.floor(viewport.width);
    this.canvas.height = Math.floor(viewport.height);
    this.canvas.style.width = `${Math.floor(viewport.width / ratio)}px`;
    const task = page.render({ canvas: this.canvas, viewport });
    this.task = task;
    try {
      await task.promise;
    } catch (err) {
      if (err?.name === 'RenderingCancelledException') return false;
      throw err;
    } finally {
      if (this.task === task) this.task = null;
    }
    return mine === this.sequence;
  }
}
