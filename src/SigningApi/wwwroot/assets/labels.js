// Chinese names for the API's enumerations and timeline actions.

export const caseStatus = {
  Opened: '已受理',
  AwaitingSignatures: '待借款人签署',
  AwaitingCountersign: '待经办人审核签署',
  AwaitingSeal: '待加盖中心电子印章',
  Sealed: '已盖章',
  MortgageRegistrationRequested: '已申请抵押登记',
  MortgageRegistered: '抵押已登记',
  DisbursementRequested: '已申请放款',
  Disbursed: '已放款',
  Completed: '已办结',
  Declined: '已拒签',
  Expired: '已过期',
  Cancelled: '已撤销',
};

export const partyStatus = {
  Invited: '待签署',
  Pending: '待签署',
  Signed: '已签署',
  Declined: '已拒签',
};

export const documentKind = {
  'loan-contract': '个人住房公积金借款合同',
  'mortgage-contract': '抵押合同',
  'deduction-authorization': '委托扣款授权书',
  'evidence-report': '签署证据报告',
};

/** Signature field names as the contracts print them. */
export const fieldName = {
  Borrower: '借款人',
  CoBorrower1: '共同借款人',
  CoBorrower2: '共同借款人（二）',
  CoBorrower3: '共同借款人（三）',
  LoanOfficer: '经办人',
  CentreSeal: '中心印章',
  DocumentTimestamp: '文档时间戳',
};

/** Who acted, by the role they acted in. */
export const actorRole = {
  applicant: '借款人',
  'loan-officer': '经办人',
  'seal-officer': '印章管理员',
  auditor: '审计',
  admin: '管理员',
  bank: '受托银行',
  'approval-system': '审批系统',
  system: '系统',
};

/** Column headers of the audit trail. */
export const auditColumn = {
  id: '编号',
  at: '时间',
  action: '操作',
  actor: '操作人',
  actorRole: '岗位',
  clientAddress: 'IP 地址',
  userAgent: '设备',
  detail: '详情',
  documentHashes: '文件摘要',
  verificationResults: '核验结果',
  chainIndex: '链序号',
  previousHash: '前一哈希',
  hash: '哈希',
};

export const partyRole = {
  borrower: '借款人',
  'co-borrower': '共同借款人',
  'loan-officer': '经办人',
  'centre-seal': '中心电子印章',
};

export const timelineAction = {
  'case-opened': '案件受理',
  'document-rendered': '生成合同文件',
  'signer-invited': '发送签署邀请',
  'signer-reinvited': '重新发送签署链接',
  'identity-verified': '身份核验通过',
  'identity-failed': '身份核验未通过',
  'link-locked': '签署链接被锁定',
  'code-sent': '发送短信验证码',
  'code-failed': '验证码错误',
  'access-granted': '验证码核验通过',
  'document-read': '阅读文件',
  'consent-accepted': '确认签署声明',
  'handwriting-received': '提交手写签名',
  'device-signing-prepared': '签发设备签名证书',
  'document-signed': '文件完成签名',
  'signer-signed': '签署人完成签署',
  'signer-declined': '签署人拒签',
  'case-expired': '案件过期',
  countersigned: '经办人审核签署',
  sealed: '加盖中心电子印章',
  'download-link-issued': '签发下载链接',
  'mortgage-registration-requested': '申请抵押登记',
  'mortgage-registered': '抵押登记完成',
  'disbursement-requested': '申请放款',
  'loan-disbursed': '银行放款',
  'evidence-report-sealed': '签署证据报告盖章',
  'case-completed': '案件办结',
  'case-cancelled': '案件撤销',
  'applicants-notified': '短信通知申请人',
};

export const pdfLevel = {
  None: '非 PAdES 签名',
  BB: 'PAdES B-B（基础签名）',
  BT: 'PAdES B-T（含可信时间戳）',
  BLT: 'PAdES B-LT（含长期验证数据）',
  BLTA: 'PAdES B-LTA（含长期验证数据与文档时间戳）',
};

export const checkKind = {
  ByteRange: '签名覆盖范围',
  Integrity: '文件完整性（签名后未被篡改）',
  CmsSignature: '签名值',
  SigningCertificateBinding: '签名证书绑定',
  CertificateChain: '证书链（可信根）',
  Revocation: '证书吊销状态',
  SignatureTimestamp: '签名时间戳',
  DocumentTimestamp: '文档时间戳',
  SigningTime: '签名时间',
  Coverage: '覆盖整个文件',
  Modifications: '签名后的修改',
};

export const checkStatus = {
  Passed: '通过',
  Failed: '未通过',
  Indeterminate: '无法确定',
  NotApplicable: '不适用',
};

export function label(table, value) {
  return table[value] ?? value ?? '—';
}
