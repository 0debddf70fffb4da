import { h, formatTime } from './dom.js';
import { label, timelineAction } from './labels.js';

/** An ordered list of the case's steps; staff also see the address and device of each step. */
export function renderTimeline(entries, { staff = false } = {}) {
  if (!entries?.length) return h('p', {}, '暂无记录。');
  return h('ol', { class: 'timeline' }, entries.map(e =>
    h('li', {},
      h('span', { class: 'timeline-time' }, formatTime(e.at)),
      h('span', { class: 'timeline-action' }, label(timelineAction, e.action)),
      e.detail ? h('span', { class: 'timeline-detail' }, e.detail) : null,
      staff ? h('span', { class: 'timeline-actor' }, `${e.actorRole}：${e.actor}${e.clientAddress ? ` · ${e.clientAddress}` : ''}${e.userAgent ? ` · ${e.userAgent}` : ''}`) : null)));
}
