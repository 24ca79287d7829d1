import { z } from 'zod';

/** Reception channels (Decree 61/2018 and 118/2025): 1 direct at the desk, 2 online, 3 public postal service. */
export const Channel = z.enum(['direct', 'online', 'post']);
export type Channel = z.infer<typeof Channel>;

/**
 * National status codes used with the National Public Service Portal: 1 Mới đăng ký, 2 Được tiếp
 * nhận, 3 Không được tiếp nhận, 4 Đang xử lý, 5 Yêu cầu bổ sung giấy tờ, 6 Yêu cầu thực hiện nghĩa
 * vụ tài chính, 7 Công dân yêu cầu rút hồ sơ, 8 Dừng xử lý, 9 Đã xử lý xong, 10 Đã trả kết quả.
 */
export const NationalStatusCode = z.number().int().min(1).max(10);
export type NationalStatusCode = z.infer<typeof NationalStatusCode>;

/** `<receiving unit code>-<yymmdd>-<4-digit sequence of that unit and day>`, e.g. `PY-HV-250407-0012`. */
export const DossierCode = z
  .string()
  .regex(/^[A-Z0-9][A-Z0-9.]*(-[A-Z0-9.]+)*-\d{6}-\d{4,}$/, 'a dossier code looks like PY-HV-250407-0012');
export type DossierCode = z.infer<typeof DossierCode>;

/** Pseudonymous applicant key (HMAC of the ID number): events and histories never carry personal data. */
export const ApplicantKey = z.string().regex(/^ak_[A-Za-z0-9_-]{16,}$/);
export type ApplicantKey = z.infer<typeof ApplicantKey>;

/** An instant with its UTC offset, as every contract carries time. */
export const Instant = z.iso.datetime({ offset: true });
export type Instant = z.infer<typeof Instant>;
