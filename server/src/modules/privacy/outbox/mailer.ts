import nodemailer, { type Transporter } from 'nodemailer';

export interface MailToSend {
  from: string;
  to: string;
  subject: string;
  text: string;
  headers: Record<string, string>;
}

/** Where delivered emails go. SMTP in production; the seam keeps the delivery rules testable on their own. */
export interface Mailer {
  send(mail: MailToSend): Promise<void>;
  close(): void;
}

/** A refusal that retrying will not fix (SMTP 5xx: unknown mailbox, policy rejection...). */
export function isPermanentFailure(err: unknown): boolean {
  const code = (err as { responseCode?: unknown }).responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

/** nodemailer over ATELIER_SMTP_URL. Its own logging stays off: addresses and bodies never reach logs. */
export class SmtpMailer implements Mailer {
  private readonly transport: Transporter;

  constructor(url: string) {
    this.transport = nodemailer.createTransport(url);
  }

  async send(mail: MailToSend): Promise<void> {
    await this.transport.sendMail({ from: mail.from, to: mail.to, subject: mail.subject, text: mail.text, headers: mail.headers });
  }

  close(): void {
    this.transport.close();
  }
}
