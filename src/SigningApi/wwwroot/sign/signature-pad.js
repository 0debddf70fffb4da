// Handwriting pad: pointer events (finger, pen or mouse), undo, clear, and a minimum-ink check so a
// dot or a single flick is not accepted as a handwritten signature. The pad can fill the whole screen
// (a modal dialog; on phones that allow it, real full screen turned to landscape), and the ink follows
// the pad when it changes size — rotating the phone or going full screen never loses or crops it.
import { h } from '/assets/dom.js';

export const MIN_STROKES = 2;
export const MIN_INK_LENGTH = 150; // CSS pixels of drawn line

export class SignaturePad {
  constructor(onChange = () => {}) {
    this.strokes = [];
    this.current = null;
    this.onChange = onChange;
    this.size = null;
    this.canvas = h('canvas', { role: 'img', 'aria-label': '手写签名区域：请用手指或鼠标在此书写您的姓名', tabindex: '0' });
    this.element = h('div', { class: 'pad-wrap' }, this.canvas);
    this.canvas.addEventListener('pointerdown', e => this.#down(e));
    this.canvas.addEventListener('pointermove', e => this.#move(e));
    this.canvas.addEventListener('pointerup', e => this.#up(e));
    this.canvas.addEventListener('pointercancel', e => this.#up(e));
    this.resizeObserver = new ResizeObserver(() => this.#resize());
    this.resizeObserver.observe(this.canvas);
    this.dialog = null;
  }

  /**
   * The pad over the whole screen, with its own undo / clear / done buttons. A modal dialog works on every
   * phone; where the browser allows it the dialog also goes full screen and turns to landscape, which
   * gives the widest writing area. `onDone` runs when the person leaves full screen.
   */
  openFullScreen(onDone = () => {}) {
    const undo = h('button', { type: 'button', class: 'secondary' }, '撤销一笔');
    const clearButton = h('button', { type: 'button', class: 'secondary' }, '清除重写');
    const done = h('button', { type: 'button', id: 'pad-done' }, '写好了');
    const area = h('div', { class: 'pad-wrap pad-full-area' });
    const dialog = h('dialog', { class: 'pad-dialog', 'aria-labelledby': 'pad-full-title' },
      h('div', { class: 'pad-full-bar' },
        h('h2', { id: 'pad-full-title' }, '手写签名'),
        h('p', { class: 'hint' }, '请在下方空白处用正楷书写您的姓名；竖着拿手机时，横过来书写区域更宽。'),
        h('div', { class: 'actions' }, undo, clearButton, done)),
      area);
    undo.addEventListener('click', () => this.undo());
    clearButton.addEventListener('click', () => this.clear());
    const home = this.element;
    const close = () => dialog.close();
    done.addEventListener('click', close);
    dialog.addEventListener('close', async () => {
      if (document.fullscreenElement) await document.exitFullscreen().catch(() => {});
      home.append(this.canvas);
      dialog.remove();
      this.dialog = null;
      onDone();
    });
    document.body.append(dialog);
    area.append(this.canvas);
    dialog.showModal();
    this.dialog = dialog;
    done.focus();
    // Best effort: phones that refuse (iPhone Safari has no element full screen) keep the full-window dialog.
    if (dialog.requestFullscreen && matchMedia('(pointer: coarse)').matches) {
      dialog.requestFullscreen({ navigationUI: 'hide' })
        .then(() => screen.orientation?.lock?.('landscape'))
        .catch(() => {});
    }
    return dialog;
  }

  #point(e) {
    const r = this.canvas.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  }

  #down(e) {
    e.preventDefault();
    this.canvas.setPointerCapture(e.pointerId);
    this.current = [this.#point(e)];
    this.strokes.push(this.current);
    this.#redraw();
  }

  #move(e) {
    if (!this.current) return;
    e.preventDefault();
    const events = e.getCoalescedEvents ? e.getCoalescedEvents() : [e];
    for (const ev of events.length ? events : [e]) this.current.push(this.#point(ev));
    this.#redraw();
  }

  #up() {
    if (!this.current) return;
    this.current = null;
    this.onChange();
  }

  #resize() {
    const ratio = window.devicePixelRatio || 1;
    const { width, height } = this.canvas.getBoundingClientRect();
    if (width === 0 || height === 0) return; // detached while it moves between the page and the dialog
    // The ink scales with the pad (keeping its proportions), so a rotated phone or the full-screen pad
    // shows the same signature, whole, instead of a corner of it or a tiny copy.
    if (this.size && this.strokes.length) {
      const k = Math.min(width / this.size.width, height / this.size.height);
      if (Math.abs(k - 1) > 0.001) for (const s of this.strokes) for (const p of s) { p.x *= k; p.y *= k; }
    }
    this.size = { width, height };
    this.canvas.width = Math.max(1, Math.round(width * ratio));
    this.canvas.height = Math.max(1, Math.round(height * ratio));
    this.#redraw();
  }

  #redraw() {
    const ratio = this.canvas.width / Math.max(1, this.canvas.getBoundingClientRect().width);
    const ctx = this.canvas.getContext('2d');
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, this.canvas.width, this.canvas.height);
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    drawStrokes(ctx, this.strokes, 0, 0);
  }

  undo() {
    this.strokes.pop();
    this.#redraw();
    this.onChange();
  }

  clear() {
    this.strokes = [];
    this.#redraw();
    this.onChange();
  }

  get inkLength() {
    let total = 0;
    for (const s of this.strokes) for (let i = 1; i < s.length; i++) total += Math.hypot(s[i].x - s[i - 1].x, s[i].y - s[i - 1].y);
    return total;
  }

  /** Null when the signature is acceptable, otherwise the reason in Chinese. */
  problem() {
    if (this.strokes.length === 0) return '请先在签名区域内书写您的姓名。';
    if (this.strokes.length < MIN_STROKES || this.inkLength < MIN_INK_LENGTH)
      return `签名过于简单：请完整书写您的姓名（至少 ${MIN_STROKES} 笔）。`;
    return null;
  }

  /** The ink cropped to its bounds on a transparent background, as a PNG at twice the CSS size. */
  toPngBlob() {
    const pts = this.strokes.flat();
    const pad = 12;
    const minX = Math.min(...pts.map(p => p.x)) - pad, minY = Math.min(...pts.map(p => p.y)) - pad;
    const maxX = Math.max(...pts.map(p => p.x)) + pad, maxY = Math.max(...pts.map(p => p.y)) + pad;
    const scale = 2;
    const out = document.createElement('canvas');
    out.width = Math.max(60, Math.ceil((maxX - minX) * scale));
    out.height = Math.max(30, Math.ceil((maxY - minY) * scale));
    const ctx = out.getContext('2d');
    ctx.setTransform(scale, 0, 0, scale, 0, 0);
    drawStrokes(ctx, this.strokes, minX, minY);
    return new Promise((resolve, reject) => out.toBlob(b => (b ? resolve(b) : reject(new Error('PNG export failed'))), 'image/png'));
  }
}

function drawStrokes(ctx, strokes, dx, dy) {
  ctx.lineWidth = 3;
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  ctx.strokeStyle = '#111';
  ctx.fillStyle = '#111';
  for (const s of strokes) {
    if (s.length === 1) {
      ctx.beginPath();
      ctx.arc(s[0].x - dx, s[0].y - dy, 1.5, 0, Math.PI * 2);
      ctx.fill();
      continue;
    }
    ctx.beginPath();
    ctx.moveTo(s[0].x - dx, s[0].y - dy);
    for (let i = 1; i < s.length; i++) ctx.lineTo(s[i].x - dx, s[i].y - dy);
    ctx.stroke();
  }
}
