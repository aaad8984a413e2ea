/**
 * Linux notification servers read the body as markup (the Desktop Notifications spec's body-markup capability,
 * https://specifications.freedesktop.org/notification-spec/latest/markup.html): a job's output line with `&` or `<`
 * shows blank or garbled unless escaped. macOS and Windows show the text as it is.
 */
export function notificationBody(platform: string, body: string): string {
  if (platform !== 'linux') return body;
  return body.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
