/** Invitation and reset links, read from a mail as its person reads them (issue 15). */

/** The whole link (`…/account/password#token=…`) in a mail's text. */
export function accountLinkIn(text: string): string | undefined {
  return /https?:\/\/\S+\/account\/password#token=[A-Za-z0-9_-]+/.exec(text)?.[0];
}

/** The token of that link. */
export function tokenIn(text: string): string | undefined {
  return /#token=([A-Za-z0-9_-]+)/.exec(text)?.[1];
}
