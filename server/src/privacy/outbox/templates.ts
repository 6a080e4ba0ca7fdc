/** The texts of Atelier's essential emails. Plain text only: nothing in them loads remote content. */

export interface RenderedMail {
  subject: string;
  text: string;
}

/** `jo***@example.com`: enough for the owner to recognise, not enough to hand an address to a stranger. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return '***';
  return `${email.slice(0, Math.min(2, at))}***${email.slice(at)}`;
}

export function emailChangedNotice(p: { name: string; newEmail: string; at: Date; publicUrl: string }): RenderedMail {
  return {
    subject: 'The email address of your Atelier account was changed',
    text: [
      `Hello ${p.name},`,
      '',
      `On ${p.at.toUTCString()} the email address of your Atelier account was changed to ${maskEmail(p.newEmail)}.`,
      'From now on, messages about your account go to the new address; this is the last one sent here.',
      '',
      'If you made this change, there is nothing to do.',
      `If you did not, someone may have your password: sign in at ${p.publicUrl} and change your password and email`,
      'at once, or contact the people who run this Atelier server.',
    ].join('\n'),
  };
}

export function policyChangedAnnouncement(p: {
  name: string; version: string; effectiveDate: string; summary: string; publicUrl: string;
}): RenderedMail {
  return {
    subject: `Our privacy policy changed (version ${p.version})`,
    text: [
      `Hello ${p.name},`,
      '',
      `We changed our privacy policy. Version ${p.version} applies from ${p.effectiveDate}.`,
      '',
      p.summary,
      '',
      `Read the whole policy at ${p.publicUrl}/privacy. The next time you sign in, Atelier asks you to acknowledge it.`,
    ].join('\n'),
  };
}
