// The service records each step's detail and each state change's reason as a fixed technical line
// (field names, document kinds, revisions, digests, ISO times: the audit chain hashes them as written).
// The server says each of them in Chinese in one place (Core/RecordText.cs, which also words the sealed
// evidence report) and answers it beside the original: detailText (timeline, audit), reasonText (state
// changes). The pages show that text; the original line stays one click away.
import { fieldName } from './labels.js';

/** Borrower → 借款人, CoBorrower2 → 共同借款人（二）, DocTimeStamp1 → 文档时间戳 (signature fields of a verified PDF). */
export function fieldLabel(name) {
  if (fieldName[name]) return fieldName[name];
  if (/^DocTimeStamp\d*$/.test(name)) return fieldName.DocumentTimestamp;
  return name;
}

/** What people read of a recorded line: the server's Chinese, or the line itself from a server without it. */
export function recordText(said, original) {
  return said || original || '';
}
