/**
 * The applicants every API and integration test submits. The privacy scan searches everything the
 * suite wrote (Temporal's database, every Kafka topic, every PostgreSQL table, the logs) for these
 * values in clear: a test that submits someone else escapes the scan, so use these.
 */
export const APPLICANTS = [
  { idNumber: '001099012345', fullName: 'Nguyễn Văn An', phone: '0912345678', address: 'Số 12 đường Hai Bà Trưng, phường Phúc Yên', email: 'an.nguyen@example.vn' },
  { idNumber: '025190004321', fullName: 'Trần Thị Bích Ngọc', phone: '0987654321', address: 'Thôn Đồng Xuân, phường Xuân Hòa', email: 'ngoc.tran@example.vn' },
  { idNumber: '026088007777', fullName: 'Lê Hoàng Đức', phone: '0977111222', address: 'Tổ 5, phường Vĩnh Yên' },
] as const;

export const [AN, NGOC, DUC] = APPLICANTS;
