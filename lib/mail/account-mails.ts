import type { Mail } from "./send-mail";

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function layout(options: { title: string; lines: string[]; action: string; url: string; footer: string }): string {
  const { title, lines, action, url, footer } = options;
  return `<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#18181b;max-width:32rem;margin:0 auto;padding:1.5rem">
<h1 style="font-size:1.25rem">${escape(title)}</h1>
${lines.map((line) => `<p>${escape(line)}</p>`).join("\n")}
<p><a href="${escape(url)}" style="display:inline-block;background:#4f46e5;color:#fff;padding:.6rem 1rem;border-radius:.75rem;text-decoration:none">${escape(action)}</a></p>
<p style="font-size:.85rem;color:#52525b">Or paste this address into your browser:<br>${escape(url)}</p>
<p style="font-size:.85rem;color:#52525b">${escape(footer)}</p>
</body></html>`;
}

/** The mail that confirms an account's address (sent at sign-up and on "send the link again"). */
export function addressConfirmationMail(options: { to: string; name: string; url: string; conferenceName: string }): Mail {
  const { to, name, url, conferenceName } = options;
  const lines = [
    `Hi ${name},`,
    `confirm that ${to} is your address to finish setting up your ${conferenceName} account. Speaker profiles and tickets are linked to confirmed addresses only.`,
  ];
  const footer = "The link works for 24 hours. If you did not create this account, ignore this mail.";
  return {
    to,
    subject: `Confirm your email address for ${conferenceName}`,
    text: `${lines.join("\n\n")}\n\nConfirm your address: ${url}\n\n${footer}\n`,
    html: layout({ title: "Confirm your email address", lines, action: "Confirm my address", url, footer }),
  };
}

/** The mail with a link to choose a new password. */
export function passwordResetMail(options: { to: string; name: string; url: string; conferenceName: string }): Mail {
  const { to, name, url, conferenceName } = options;
  const lines = [`Hi ${name},`, `someone asked to reset the password of your ${conferenceName} account (${to}). Choose a new one with this link.`];
  const footer = "The link works for one hour and only once. If you did not ask for it, ignore this mail: your password stays as it is.";
  return {
    to,
    subject: `Reset your ${conferenceName} password`,
    text: `${lines.join("\n\n")}\n\nChoose a new password: ${url}\n\n${footer}\n`,
    html: layout({ title: "Reset your password", lines, action: "Choose a new password", url, footer }),
  };
}
