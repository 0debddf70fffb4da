// Handwriting pad: pointer events (finger, pen or mouse), undo, clear, and a minimum-ink check so a
// dot or a single flick is not accepted as a handwritten signature.
import { h } from '/assets/dom.js';

export const MIN_STROKES = 2;
export const MIN_INK_LENGTH = 150; // CSS pixels of drawn line

export class SignaturePad {
  constructor(onChange = () => {}) {
    this.strokes = [];
    this.current = null;
    this.onChange = onChange;
    this.canvas = h('canvas', { role: 'img', 'aria-label': '手写签名区域：请用手指或鼠标在此书写您的姓名', tabindex: '0' });
    this.element = h('div', { class: 'pad-wrap' }, this.canvas);
    this.canvas.addEventListener('pointerdown', e => this.#down(e));
    this.canvas.addEventListener('pointermove', e => this.#move(e));
    this.canvas.addEventListener('pointerup', e => this.#up(e));
    this.canvas.addEventListener('pointercancel', e => this.#up(e));
    this.resizeObserver = new ResizeObserver(() => this.#resize());
    this.resizeObserver.observe(this.canvas);
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
