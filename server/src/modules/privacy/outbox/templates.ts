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

/** The closing lines of a security notice: what to do when the person did not do it themselves. */
const notYouLines = (publicUrl: string, what: string) => [
  'If you did this, there is nothing to do.',
  `If you did not, someone may have your password: sign in at ${publicUrl} and ${what} at once,`,
  'or contact the people who run this Atelier server.',
];

export function passwordChangedNotice(p: { name: string; at: Date; publicUrl: string }): RenderedMail {
  return {
    subject: 'The password of your Atelier account was changed',
    text: [
      `Hello ${p.name},`,
      '',
      `On ${p.at.toUTCString()} the password of your Atelier account was changed, and every other sign-in was ended.`,
      '',
      ...notYouLines(p.publicUrl, 'change your password'),
    ].join('\n'),
  };
}

export function webhookDisabledNotice(p: { name: string; url: string; publicUrl: string }): RenderedMail {
  return {
    subject: 'One of your Atelier webhooks was turned off',
    text: [
      `Hello ${p.name},`,
      '',
      `Atelier could not deliver events to your webhook ${p.url} several times in a row, so it was turned off.`,
      `Check the address, then turn it back on in Settings → Webhooks: ${p.publicUrl}/settings`,
    ].join('\n'),
  };
}

/** A delayed payment (a bank debit) for credits or a plan failed at Stripe. */
export function paymentFailedNotice(p: { name: string; credits?: number; plan?: string; publicUrl: string }): RenderedMail {
  const what = p.credits !== undefined ? `${p.credits} credits` : p.plan !== undefined ? `the ${p.plan} plan` : 'your purchase';
  return {
    subject: 'Your Atelier payment did not go through',
    text: [
      `Hello ${p.name},`,
      '',
      `The payment for ${what} failed, so nothing was charged and nothing was added to your account.`,
      `You can try again with another payment method in Settings → Plan and credits: ${p.publicUrl}/settings`,
    ].join('\n'),
  };
}

export function deletionRequestedNotice(p: { name: string; purgeAt: Date; publicUrl: string }): RenderedMail {
  return {
    subject: 'Your Atelier account will be deleted',
    text: [
      `Hello ${p.name},`,
      '',
      'You asked us to delete your Atelier account. You were signed out everywhere and the account is disabled.',
      `On ${p.purgeAt.toUTCString()} everything of yours is erased for good: images, prompts, albums and settings.`,
      '',
      `Changed your mind? Sign in at ${p.publicUrl} before then with your email and password: that cancels the`,
      'deletion and your account stays as it was.',
      '',
      'If you did not ask for this, sign in now to stop it and change your password.',
    ].join('\n'),
  };
}

export function deletionCanceledNotice(p: { name: string; at: Date; publicUrl: string }): RenderedMail {
  return {
    subject: 'The deletion of your Atelier account was canceled',
    text: [
      `Hello ${p.name},`,
      '',
      `On ${p.at.toUTCString()} someone signed in to your Atelier account, which cancels the deletion you had asked for.`,
      'Your account is active again and nothing of yours was erased.',
      'Your API tokens and any paid subscription ended when you asked for the deletion: create new tokens and subscribe',
      'again in Settings if you need them.',
      '',
      ...notYouLines(p.publicUrl, 'change your password (then delete the account again if you still want to)'),
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

export function passwordResetLink(p: { name: string; url: string; validMinutes: number; publicUrl: string }): RenderedMail {
  return {
    subject: 'Reset the password of your Atelier account',
    text: [
      `Hello ${p.name},`,
      '',
      'Someone (we hope you) asked to reset the password of your Atelier account. Choose a new password here:',
      '',
      p.url,
      '',
      `The link works once, for ${p.validMinutes} minutes. Resetting the password signs you out everywhere.`,
      `If you did not ask for this, ignore this email: your password stays as it is (${p.publicUrl}).`,
    ].join('\n'),
  };
}

export function verifyEmailLink(p: { name: string; url: string; validHours: number }): RenderedMail {
  return {
    subject: 'Confirm the email address of your Atelier account',
    text: [
      `Hello ${p.name},`,
      '',
      'Please confirm that this address is yours by opening this link:',
      '',
      p.url,
      '',
      `The link works once, for ${p.validHours} hours. If you did not create an Atelier account, ignore this email.`,
    ].join('\n'),
  };
}

/** The link of an email-first sign-up (ADR 0026): the account is made when it is followed. */
export function signupLink(p: { name: string; url: string; validHours: number; publicUrl: string }): RenderedMail {
  return {
    subject: 'Finish creating your Atelier account',
    text: [
      `Hello ${p.name},`,
      '',
      'Someone (we hope you) started creating an Atelier account with this email address. To finish, open this link',
      'and type the password you chose:',
      '',
      p.url,
      '',
      `The link works once, for ${p.validHours} hours. If you did not sign up at ${p.publicUrl}, ignore this email: no`,
      'account is made, and what was typed is deleted when the link expires.',
    ].join('\n'),
  };
}

/** Sign-up answers the same for a taken address; the owner learns of the attempt here instead. */
export function signupAttemptNotice(p: { name: string; at: Date; publicUrl: string }): RenderedMail {
  return {
    subject: 'Someone tried to create an Atelier account with your address',
    text: [
      `Hello ${p.name},`,
      '',
      `On ${p.at.toUTCString()} someone tried to create a new Atelier account with this email address, which already`,
      'has an account. No new account was made.',
      '',
      `If it was you: sign in at ${p.publicUrl} instead, or use "Forgot password?" there if you lost your password.`,
      'If it was not you, there is nothing to do.',
    ].join('\n'),
  };
}

export function supportCopy(p: { name: string; subject: string; message: string; assetId: string | null; publicUrl: string }): RenderedMail {
  const about = p.assetId ? `\nImage: ${p.assetId}` : '';
  return {
    subject: `Your message to Atelier: ${p.subject}`,
    text: `Hello ${p.name},\n\nThis is a copy of what you sent to the people who run Atelier at ${p.publicUrl}. They will answer at this address.${about}\n\n${p.message}`,
  };
}

/** An administrator reviewed a report of the person's shared image and chose to warn them (modules/reports). */
export function moderationWarning(p: { name: string; assetId: string; reason: string }): RenderedMail {
  return {
    subject: 'A warning about an image you shared',
    text: `Hello ${p.name},\n\nAn image you shared through a link (image ${p.assetId}) was reported as "${p.reason}", and an `
      + 'administrator of this Atelier reviewed it and decided to warn you. Please revoke the link or remove the image if it breaks the rules '
      + 'of this service. Further reports of this kind can lead to the image being removed or the account being suspended.',
  };
}
