import { h, formatTime } from './dom.js';
import { label, timelineAction, actorRole } from './labels.js';
import { recordText } from './record-text.js';

/**
 * An ordered list of the case's steps, each said in Chinese. Staff see who acted in which role; the
 * address, device and the step's original record are one click away (a disclosure), not a wall of
 * user-agent strings and digests.
 */
export function renderTimeline(entries, { staff = false } = {}) {
  if (!entries?.length) return h('p', {}, '暂无记录。');
  return h('ol', { class: 'timeline' }, entries.map(e =>
    h('li', {},
      h('span', { class: 'timeline-time' }, formatTime(e.at)),
      h('span', { class: 'timeline-action' }, label(timelineAction, e.action)),
      e.detail ? h('span', { class: 'timeline-detail' }, recordText(e.detailText, e.detail)) : null,
      staff ? h('span', { class: 'timeline-actor' }, `${label(actorRole, e.actorRole)}：${e.actor}`) : null,
      staff && (e.clientAddress || e.userAgent || e.detail)
        ? h('details', { class: 'timeline-device' }, h('summary', {}, 'IP 地址、设备与原始记录'),
          h('span', { class: 'timeline-detail timeline-raw' }, [e.clientAddress, e.userAgent, e.detail].filter(Boolean).join(' · ')))
        : null)));
}
