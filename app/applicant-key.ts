import crypto from 'node:crypto';

/**
 * The pseudonymous applicant key that events and workflow histories carry instead of the ID number:
 * stable per person (so repeat dossiers can be counted) and not reversible without the secret.
 */
export function applicantKey(idNumber: string, secret: string): string {
  const mac = crypto.createHmac('sha256', secret).update(idNumber.trim()).digest('base64url');
  return `ak_${mac.slice(0, 32)}`;
}
