/**
 * Entry point of the trustee page (served at /trustee/:electionId): a trustee account signs in (or
 * is already signed in from the admin pages), then makes or uses their key in this browser.
 */
import { initialLanguage, storeLanguage } from '../kit/language.js';
import { electionIdFromPath, element, PageHeader } from '../kit/shell.js';
import { TrusteeApi } from './api.js';
import { TrusteePage } from './page.js';

function main(): void {
  const electionId = electionIdFromPath('trustee');
  let language = initialLanguage();
  const api = new TrusteeApi(electionId, () => language);
  const header = new PageHeader(element('page-header'), (chosen) => {
    if (chosen === language) return;
    language = chosen;
    storeLanguage(chosen);
    page.switchLanguage(chosen);
  });
  const page = new TrusteePage(
    language,
    electionId,
    { content: element('page-content'), alert: element('page-alert'), status: element('page-status') },
    header,
    api,
  );
  void page.start();
}

main();
