// Amounts and terms as the contracts print them: integer fen shown as yuan with thousands separators.
export function formatYuan(fen) {
  const yuan = Math.floor(fen / 100).toLocaleString('zh-CN');
  return `${yuan}.${String(fen % 100).padStart(2, '0')} 元`;
}

export function formatTerm(months) {
  const years = Math.floor(months / 12);
  const rest = months % 12;
  return `${months} 个月（${years ? `${years} 年` : ''}${rest ? `${rest} 个月` : ''}）`;
}
