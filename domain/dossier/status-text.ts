/** The national status codes (domain.md §2) in the words a citizen and an officer read. */
const STATUS_TEXT: Record<number, { vi: string; en: string }> = {
  1: { vi: 'Mới đăng ký', en: 'Registered' },
  2: { vi: 'Được tiếp nhận', en: 'Received' },
  3: { vi: 'Không được tiếp nhận', en: 'Not received' },
  4: { vi: 'Đang xử lý', en: 'In progress' },
  5: { vi: 'Yêu cầu bổ sung giấy tờ', en: 'Documents requested' },
  6: { vi: 'Yêu cầu thực hiện nghĩa vụ tài chính', en: 'Payment requested' },
  7: { vi: 'Công dân yêu cầu rút hồ sơ', en: 'Withdrawn by the applicant' },
  8: { vi: 'Dừng xử lý', en: 'Processing stopped' },
  9: { vi: 'Đã xử lý xong', en: 'Processed: result ready' },
  10: { vi: 'Đã trả kết quả', en: 'Result returned' },
};

export function statusText(code: number): { vi: string; en: string } {
  return STATUS_TEXT[code] ?? { vi: `Trạng thái ${code}`, en: `Status ${code}` };
}
