// Resident ID numbers (GB 11643-1999): 17 digits and a check character computed with ISO 7064 MOD 11-2.
// Checked on the page so a typo is caught before it uses up one of the identity tries on the server.
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** null when `value` is a well-formed ID number with the right check character, else a sentence saying what is wrong. */
export function idNumberProblem(value) {
  const id = value.trim().toUpperCase();
  if (id.length !== 18) return `身份证号码应为 18 位，您输入了 ${id.length} 位。`;
  if (!/^[0-9]{17}[0-9X]$/.test(id)) return '身份证号码前 17 位应为数字，最后一位为数字或 X。';
  const sum = WEIGHTS.reduce((s, w, i) => s + w * Number(id[i]), 0);
  if (CHECK[sum % 11] !== id[17]) return '身份证号码有误（校验位不符），请逐位核对。本次不计入核验失败次数。';
  return null;
}
