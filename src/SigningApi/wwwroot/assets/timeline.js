import { h, formatTime } from './dom.js';
import { label, timelineAction, actorRole } from './labels.js';

/**
 * An ordered list of the case's steps. Staff see who acted in which role; the address and device of
 * each step are one click away (a disclosure), not a wall of user-agent strings.
 */
export function renderTimeline(entries, { staff = false } = {}) {
  if (!entries?.length) return h('p', {}, '暂无记录。');
  return h('ol', { class: 'timeline' }, entries.map(e =>
    h('li', {},
      h('span', { class: 'timeline-time' }, formatTime(e.at)),
      h('span', { class: 'timeline-action' }, label(timelineAction, e.action)),
      e.detail ? h('span', { class: 'timeline-detail' }, e.detail) : null,
      staff ? h('span', { class: 'timeline-actor' }, `${label(actorRole, e.actorRole)}：${e.actor}`) : null,
      staff && (e.clientAddress || e.userAgent)
        ? h('details', { class: 'timeline-device' }, h('summary', {}, 'IP 地址与设备'),
          h('span', { class: 'timeline-detail' }, [e.clientAddress, e.userAgent].filter(Boolean).join(' · ')))
        : null)));
}
